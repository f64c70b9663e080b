/** Today's returns at this desk by this staff member, newest first (bot/counter/recent-returns.ts). */
import { formatClock, jstMinuteOfDay } from '../../../core/index.ts'
import type { RecentReturn } from '../recent-returns.ts'
import { REFUSAL } from './audit-words.ts'
import { TableScroll } from './frame.tsx'

/** Where the copy went, in the words of the return screen. */
function whereTo(r: RecentReturn): string {
  if (r.refused) return `処理できず（${(r.reason && REFUSAL[r.reason]) || '理由は操作記録に'}）`
  if (r.holdState === 'ready') return `予約棚へ（${r.pickupName ?? '受取場所'}）`
  if (r.transitName) return `回送箱へ（${r.transitName}行き）`
  // A second scan of the same book must not read as another return (a librarian's walk).
  return r.wasOnLoan ? '書架へ' : '書架へ（貸出中ではありませんでした）'
}

export function RecentReturns(p: { rows: RecentReturn[] }) {
  if (p.rows.length === 0) return null
  return (
    <>
      <h2 id="recent-h">きょう返却した資料（新しい順）</h2>
      <TableScroll labelledBy="recent-h">
        <table aria-labelledby="recent-h">
          <thead>
            <tr>
              <th scope="col">時刻</th>
              <th scope="col">資料</th>
              <th scope="col">バーコード</th>
              <th scope="col">行き先</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <td>{formatClock(jstMinuteOfDay(r.at))}</td>
                <td>{r.title || '—'}</td>
                <td>{r.barcode || '—'}</td>
                <td class={r.refused ? 'late' : undefined}>{whereTo(r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  )
}
