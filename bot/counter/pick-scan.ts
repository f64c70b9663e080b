/**
 * A copy scanned on the pick list (棚出しリスト). A copy fetched from the shelf is checked in
 * as at the return field (giveBack), which sets it aside for its hold. A copy on loan is not
 * something fetched from the shelf, so it is refused and nothing changes: returning it there
 * would end a patron's loan from a screen meant for shelf copies. The copy is in the scanning
 * staff member's hand, so nobody lends it between this look and the check-in.
 */
import { recordAudit, scannedCopy } from './audit.ts'
import type { Counter } from './context.ts'
import { giveBack, type ReturnOutcome } from './give-back.ts'

export const PICK_ON_LOAN =
  'この資料は貸出中です（棚出しの対象ではありません）。返却するときは「貸出・返却」画面の返却欄で読み取ってください。'

export async function pickUp(
  k: Counter,
  staffId: number,
  input: { barcode: string; placeId: number },
): Promise<ReturnOutcome> {
  const { before } = await scannedCopy(k.db, input.barcode)
  if (!before || before.loanId === null) return giveBack(k, staffId, input)
  await recordAudit(k.db, {
    staffId,
    at: k.now(),
    action: 'pick.refused',
    subject: `copy:${before.copyId}`,
    before,
    after: { reason: 'lent_not_picked', deskPlaceId: input.placeId },
  })
  return { ok: false, reason: 'lent_not_picked', message: PICK_ON_LOAN }
}
