/**
 * test/bench/RESULTS.md holds every benchmark's figures: `npm run bench:db`'s are the file's
 * head (the title down to the first `## ` heading), and the other benches (SIP2, import,
 * lockout…) append `## ` sections after it. Recording bench:db replaces the head alone.
 */

/** `existing` (null: no file yet) with its head replaced by `head`; every `## ` section kept. */
export function replaceHead(existing: string | null, head: string): string {
  const start = existing?.search(/^## /m) ?? -1
  if (existing === null || start < 0) return `${head.trimEnd()}\n`
  return `${head.trimEnd()}\n\n${existing.slice(start)}`
}

/**
 * `existing` with the `## ` section whose heading starts with `heading` replaced by `section`
 * (appended when there is none yet); the head and every other section kept as they are.
 */
export function replaceSection(existing: string | null, heading: string, section: string): string {
  const text = existing ?? ''
  const body = `${section.trimEnd()}\n`
  const at = text.split('\n').findIndex((line) => line.startsWith(heading))
  if (at < 0) return text.trim() ? `${text.trimEnd()}\n\n${body}` : body
  const lines = text.split('\n')
  const next = lines.findIndex((line, i) => i > at && line.startsWith('## '))
  const before = lines.slice(0, at).join('\n').trimEnd()
  const after = next < 0 ? '' : `\n${lines.slice(next).join('\n').trimEnd()}\n`
  return `${before ? `${before}\n\n` : ''}${body}${after}`
}
