/** @jsxImportSource preact */
/**
 * Text in short lines, one idea each, shown as paragraphs (a patron walk: one long paragraph
 * was too much to scan at 150% text on a phone). With a `contact`, its call button goes right
 * under the line that names its number, so the sentence saying to phone and the button that
 * dials sit together; under the last line if none names it. The number is never read out of
 * the words: the contact is the server's, the words only say where the button goes.
 */
import { Fragment } from 'preact'
import type { Contact } from '../../api-types.ts'
import { Tel } from './common.tsx'

export function Lines(props: { lines: readonly string[]; contact?: Contact; class?: string }) {
  const { lines, contact } = props
  const naming = contact ? lines.findIndex((line) => line.includes(contact.phone)) : -1
  const at = naming >= 0 ? naming : lines.length - 1
  return (
    <>
      {lines.map((line, i) => (
        <Fragment key={line}>
          <p class={props.class}>{line}</p>
          {contact && i === at && <Tel contact={contact} />}
        </Fragment>
      ))}
    </>
  )
}
