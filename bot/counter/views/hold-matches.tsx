/**
 * 窓口予約 by title: the catalogue's matches for the words staff typed (a patron asking for a
 * book by name), each with its own 予約する, which sends the form again with the title's id.
 */
import type { HoldMatch } from '../place-hold.ts'
import { COUNTER_PATH } from '../session.ts'
import { PostButton } from './frame.tsx'

export function HoldMatches(p: {
  matches: HoldMatch[]
  patronId: number
  pickupPlaceId: number
  wholeSet: boolean
  item: string
  csrf: string
}) {
  const fields = (id: number) => ({
    title: String(id),
    item: p.item,
    pickup: String(p.pickupPlaceId),
    ...(p.wholeSet ? { set: '1' } : {}),
  })
  return (
    <section class="hold-matches" aria-labelledby="hold-matches">
      <h4 id="hold-matches">
        「{p.item}」に当たる資料（{p.matches.length}件まで）
      </h4>
      <ul class="items">
        {p.matches.map((m) => (
          <li>
            {m.title}
            <span class="hint">
              {m.author}
              {m.year ? `（${m.year}年）` : ''}
            </span>
            <PostButton
              action={`${COUNTER_PATH}/patrons/${p.patronId}/holds`}
              csrf={p.csrf}
              fields={fields(m.id)}
              class="secondary"
              label={`予約する：「${m.title}」`}
            >
              予約する
            </PostButton>
          </li>
        ))}
      </ul>
    </section>
  )
}
