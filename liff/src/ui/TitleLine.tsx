/** @jsxImportSource preact */
/**
 * A title as one line of a list: name (a link to its detail), author, セット資料, 禁帯出. The set
 * is named in words with its number of volumes: a bare 「S」 explained by a tooltip meant
 * nothing on a phone, where nothing hovers.
 */
import type { TitleSummary } from '../../api-types.ts'
import { t } from '../i18n/index.ts'
import { href } from '../router.ts'

export function TitleLine({ title }: { title: TitleSummary }) {
  return (
    <>
      <a class="item-title" href={href(`title/${title.id}`)}>
        {title.name}
      </a>
      <p class="meta">
        {title.author}
        {title.set && <span class="mark">{t.search.setMark(title.set.volumes.length)}</span>}
        {title.notForLoan && <span class="mark">{t.search.notForLoan}</span>}
      </p>
    </>
  )
}
