/** @jsxImportSource preact */
/**
 * Text in short lines, one idea each, shown as paragraphs (a patron walk: one long paragraph
 * was too much to scan at 150% text on a phone). With a `contact`, its call button goes right
 * under the line that names its number, so the sentence saying to phone and the button that
 * dials sit together; under the last line if none names it. The number is never read out of
 * the words: the contact is the server's, the words only say where the button goes.
 *
 * The contact's number, where the words give it, is kept on one line.
 *
 * With `links`, the first place the lines name a page (「予約中一覧」, 「設定の「LINEでのお知らせ」」)
 * is a link to it, so "look at 予約中一覧" is one tap away (a patron walk); the words stay as
 * written, and a page not named is not linked.
 */
import { Fragment } from 'preact'
import type { Contact } from '../../api-types.ts'
import { Tel } from './common.tsx'

/** A page the lines may name: its words as they appear in the lines, and where it is. */
export interface LineLink {
  words: string
  href: string
}

export function Lines(props: {
  lines: readonly string[]
  contact?: Contact
  links?: readonly LineLink[]
  class?: string
}) {
  const { lines, contact } = props
  const naming = contact ? lines.findIndex((line) => line.includes(contact.phone)) : -1
  const at = naming >= 0 ? naming : lines.length - 1
  // Each page is linked once, where the lines first name it.
  const linkAt = new Map(
    (props.links ?? []).map((l) => [l, lines.findIndex((line) => line.includes(l.words))]),
  )
  return (
    <>
      {lines.map((line, i) => (
        <Fragment key={line}>
          <p class={props.class}>
            {linked(
              line,
              [...linkAt].filter(([, n]) => n === i).map(([l]) => l),
              contact?.phone,
            )}
          </p>
          {contact && i === at && <Tel contact={contact} />}
        </Fragment>
      ))}
    </>
  )
}

/**
 * `line` with each of `links` (in the order they appear) as an `<a>`, and the phone number,
 * if it names it, kept on one line (a walk found 「（072-／841-1103）」).
 */
function linked(line: string, links: LineLink[], phone?: string) {
  const found = [
    ...links.map((l) => ({ words: l.words, href: l.href as string | null })),
    ...(phone ? [{ words: phone, href: null }] : []),
  ]
    .map((l) => ({ ...l, from: line.indexOf(l.words) }))
    .filter((f) => f.from >= 0)
    .sort((a, b) => a.from - b.from)
  const parts = []
  let from = 0
  for (const { words, href, from: start } of found) {
    if (start < from) continue
    const piece = href ? <a href={href}>{words}</a> : <span class="nowrap">{words}</span>
    parts.push(line.slice(from, start), piece)
    from = start + words.length
  }
  parts.push(line.slice(from))
  return parts
}
