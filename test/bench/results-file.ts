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
