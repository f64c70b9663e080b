/** @jsxImportSource preact */
/** A title as one line of a list: name (a link to its detail), author, S mark, 禁帯出. */
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
        {title.set && (
          <abbr class="mark" title={t.search.setMark}>
            S
          </abbr>
        )}
        {title.notForLoan && <span class="mark">{t.search.notForLoan}</span>}
      </p>
    </>
  )
}
