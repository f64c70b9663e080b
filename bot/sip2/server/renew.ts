/**
 * Renewals: one item (29→30) and all (65→66), through db's renewLoan and renewAllLoans (the
 * RENEW-* rules and their guarded writes), audited under the kiosk like counter actions.
 */
import { formatDateJa } from '../../../core/index.ts'
import { renewAllLoans, renewLoan } from '../../../db/loans.ts'
import { recordAudit } from '../../counter/audit.ts'
import { type Field, type Sip2Message, sipDate, sipDueDate } from '../index.ts'
import type { Request } from './context.ts'
import { patronAt } from './patron.ts'
import { passwordScreen } from './patron-auth.ts'

const NO_PATRON = '利用者番号が見つかりません。カードをお確かめのうえ、カウンターでお尋ねください。'

export async function renew(r: Request): Promise<Sip2Message> {
  const now = r.deps.now()
  const barcode = r.get('AB').normalize('NFKC')
  const answer = (ok: boolean, fields: Field[]): Sip2Message => ({
    code: '30',
    fixed: {
      ok: ok ? '1' : '0',
      renewalOk: ok ? 'Y' : 'N',
      magneticMedia: 'N',
      desensitize: ok ? 'Y' : 'N',
      transactionDate: sipDate(now),
    },
    fields: [['AO', r.kiosk.institutionId], ['AA', r.get('AA')], ['AB', r.get('AB')], ...fields],
  })
  const p = await patronAt(r)
  if (p.password === 'wrong' || p.password === 'locked')
    return answer(false, [
      ['AJ', ''],
      ['AF', passwordScreen(p.password, r.deps.policy)],
    ])
  if (!p.row || !p.summary)
    return answer(false, [
      ['AJ', ''],
      ['AF', NO_PATRON],
    ])
  const loan = p.summary.loans.find((l) => l.barcode === barcode)
  if (!loan)
    return answer(false, [
      ['AJ', ''],
      ['AF', 'この資料はあなたに貸出中ではありません。資料番号をお確かめください。'],
    ])
  const result = await renewLoan(
    r.deps.db,
    { patronId: p.row.id, loanId: loan.loanId },
    now,
    r.deps.policy,
  )
  await recordAudit(r.deps.db, {
    staffId: r.kiosk.id,
    at: now,
    action: result.ok ? 'loan.renew' : 'loan.renew.refused',
    subject: `loan:${loan.loanId}`,
    before: { patronId: p.row.id, loanId: loan.loanId, dueDate: loan.dueDate },
    after: result.ok
      ? { patronId: p.row.id, dueDate: result.value.newDueDate }
      : { patronId: p.row.id, reason: result.reason },
  })
  if (!result.ok)
    return answer(false, [
      ['AJ', loan.title],
      ['AF', `延長できません。${result.message.ja}`],
    ])
  const due = result.value.newDueDate
  return answer(true, [
    ['AJ', loan.title],
    ['AH', sipDueDate(due)],
    ['AF', `延長しました。「${loan.title}」 新しい返却期限 ${formatDateJa(due)}`],
    ['AG', `返却期限 ${formatDateJa(due)}`],
  ])
}

export async function renewAll(r: Request): Promise<Sip2Message> {
  const now = r.deps.now()
  const answer = (
    ok: boolean,
    renewed: string[],
    unrenewed: string[],
    screen: string,
  ): Sip2Message => ({
    code: '66',
    fixed: {
      ok: ok ? '1' : '0',
      renewedCount: String(renewed.length).padStart(4, '0'),
      unrenewedCount: String(unrenewed.length).padStart(4, '0'),
      transactionDate: sipDate(now),
    },
    fields: [
      ['AO', r.kiosk.institutionId],
      ...renewed.map((b): Field => ['BM', b]),
      ...unrenewed.map((b): Field => ['BN', b]),
      ['AF', screen],
    ],
  })
  const p = await patronAt(r)
  if (p.password === 'wrong' || p.password === 'locked')
    return answer(false, [], [], passwordScreen(p.password, r.deps.policy))
  if (!p.row || !p.summary) return answer(false, [], [], NO_PATRON)
  const result = await renewAllLoans(r.deps.db, { patronId: p.row.id }, now, r.deps.policy)
  if (!result.ok) return answer(false, [], [], result.message.ja)
  const barcodes = new Map(p.summary.loans.map((l) => [l.loanId, l.barcode]))
  const renewed: string[] = []
  const unrenewed: string[] = []
  for (const item of result.value) {
    ;(item.result.ok ? renewed : unrenewed).push(barcodes.get(item.loanId) ?? '')
    await recordAudit(r.deps.db, {
      staffId: r.kiosk.id,
      at: now,
      action: item.result.ok ? 'loan.renew' : 'loan.renew.refused',
      subject: `loan:${item.loanId}`,
      before: { patronId: p.row.id, loanId: item.loanId },
      after: item.result.ok
        ? { patronId: p.row.id, dueDate: item.result.value.newDueDate }
        : { patronId: p.row.id, reason: item.result.reason },
    })
  }
  return answer(
    true,
    renewed,
    unrenewed,
    `${renewed.length}点を延長しました。延長できなかった資料は${unrenewed.length}点です。`,
  )
}
