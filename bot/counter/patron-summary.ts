/**
 * Everything the counter shows about one patron: who they are, their loans (due dates,
 * overdue), their holds (state, queue position, pickup place, pickup-by) and what blocks
 * them (ACC-BLOCK-OVERDUE, ACC-EXPIRED, a suspended record), each block in core's own words.
 */
import {
  accessMessage,
  blockedMessage,
  daysBetween,
  isBlocked,
  isExpired,
  jstDate,
  longOverdueLoans,
  type Policy,
} from '../../core/index.ts'
import { lendMessage } from '../../core/lending.ts'
import type { Db } from '../../db/client.ts'
import { openLoanFacts, type PatronRow, patronFacts } from '../../db/facts.ts'
import { type HoldView, listHolds } from '../../db/hold-list.ts'

export interface LoanLine {
  loanId: number
  barcode: string
  title: string
  author: string
  loanDate: string
  dueDate: string
  /** Days past the due date; 0 when not overdue. */
  overdueDays: number
  longOverdue: boolean
  renewals: number
  locker: boolean
}

export interface Block {
  kind: 'long_overdue' | 'expired' | 'suspended' | 'wide_area'
  /** Whether it stops lending at the counter (wide-area only stops online use). */
  stopsLending: boolean
  text: string
}

export interface PatronSummary {
  patron: PatronRow
  loans: LoanLine[]
  holds: HoldView[]
  blocks: Block[]
}

export async function patronSummary(
  db: Db,
  patronId: number,
  now: number,
  policy: Policy,
): Promise<PatronSummary | null> {
  const found = await patronFacts(db, { id: patronId })
  if (!found) return null
  const today = jstDate(now)
  const open = await openLoanFacts(db, patronId)
  const long = new Set(
    longOverdueLoans(
      open.map((l) => l.core),
      today,
      policy,
    ).map((l) => l.id),
  )
  const loans = open.map(
    (l): LoanLine => ({
      loanId: l.loan.id,
      barcode: l.barcode,
      title: l.title,
      author: l.author,
      loanDate: l.loan.loanDate,
      dueDate: l.loan.dueDate,
      overdueDays: Math.max(0, daysBetween(l.loan.dueDate, today)),
      longOverdue: long.has(l.loan.id),
      renewals: l.loan.renewals,
      locker: l.loan.locker,
    }),
  )
  const held = await listHolds(db, { patronId }, now, policy)
  const blocks: Block[] = []
  if (
    isBlocked(
      open.map((l) => l.core),
      today,
      policy,
    )
  )
    blocks.push({ kind: 'long_overdue', stopsLending: true, text: blockedMessage(policy).ja })
  if (isExpired(found.patron, today) || found.row.status === 'expired')
    blocks.push({ kind: 'expired', stopsLending: true, text: accessMessage('expired', policy).ja })
  if (found.row.status === 'suspended')
    blocks.push({
      kind: 'suspended',
      stopsLending: true,
      text: lendMessage('suspended', policy).ja,
    })
  if (found.row.category === 'wide_area')
    blocks.push({
      kind: 'wide_area',
      stopsLending: false,
      text: '広域利用の方です。窓口での貸出・予約はできますが、Webサービス・LINE連携は使えません。',
    })
  return { patron: found.row, loans, holds: held.ok ? held.value : [], blocks }
}
