/** @jsxImportSource preact */
/**
 * A short line where the library's system does not offer an action in LINE, with a link to
 * the library's OPAC (`OPAC_URL`) when one is configured, else where to go instead and whom
 * to phone (a walk: with no OPAC_URL the settings said "the website or the counter" and no
 * number).
 */
import type { LibraryCapabilities } from '../../api-types.ts'
import { t } from '../i18n/index.ts'
import { Tel } from './common.tsx'

export function Elsewhere(props: {
  what: 'renew' | 'holds' | 'holdChanges' | 'passwords'
  caps: LibraryCapabilities
}) {
  const url = props.caps.opacUrl
  return (
    <p class="note elsewhere">
      {t.elsewhere[props.what]}
      {url ? (
        <>
          <br />
          <a href={url} target="_blank" rel="noopener noreferrer">
            {t.elsewhere.opac}
          </a>
        </>
      ) : (
        <>
          <br />
          {t.elsewhere.ask}
          {props.caps.contact && (
            <>
              <br />
              <Tel contact={props.caps.contact} />
            </>
          )}
        </>
      )}
    </p>
  )
}
