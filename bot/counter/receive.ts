/**
 * 回送受入 (HOLD-TRANSIT): a copy that travelled here is scanned off the van. db's
 * receiveCopy makes its hold ready (notice queued now, pickup clock from now, a locker hold
 * lent into the locker), or shelves it, or sends it on; a copy scanned at the wrong library
 * is refused with where it should go. Audited like a check-in.
 */
import { receiveCopy } from '../../db/transit.ts'
import { copyState, recordAudit, scannedCopy } from './audit.ts'
import type { Counter } from './context.ts'
import { type ReturnOutcome, whereItGoes } from './give-back.ts'
import { titleName } from './lend.ts'

export async function receiveShipment(
  k: Counter,
  staffId: number,
  input: { barcode: string; placeId: number },
): Promise<ReturnOutcome> {
  const { barcode, copyId, before } = await scannedCopy(k.db, input.barcode)
  const now = k.now()
  const result = await receiveCopy(k.db, { barcode, placeId: input.placeId }, now, k.policy)
  const subject = copyId ? `copy:${copyId}` : `barcode:${barcode.slice(0, 64)}`
  if (!result.ok || !result.value.received) {
    const reason = result.ok ? 'already_received' : result.reason
    await recordAudit(k.db, {
      staffId,
      at: now,
      action: 'transit.receive.refused',
      subject,
      before,
      after: { reason },
    })
    return {
      ok: false,
      reason,
      message: result.ok
        ? 'この資料は、いま別の端末で受け入れられました。二重に処理はしていません。画面を更新して確認してください。'
        : result.message.ja,
    }
  }
  const v = result.value
  const after = await copyState(k.db, v.copyId)
  await recordAudit(k.db, {
    staffId,
    at: now,
    action: 'transit.receive',
    subject: `copy:${v.copyId}`,
    before,
    after: { ...after, deskPlaceId: input.placeId, noticeId: v.noticeId },
  })
  return {
    ok: true,
    title: await titleName(k, v.titleId),
    barcode,
    wasOnLoan: false,
    overdueDays: 0,
    ...(await whereItGoes(k, v, after?.pickupBy ?? null)),
    received: true,
    withdrawn: v.withdrawn,
  }
}
