/**
 * Taking an item back. db's checkIn ends the loan, and when the copy serves a waiting hold
 * it makes that hold ready and queues its notice in the same batch (HOLD-READY), or sends it
 * to the pickup place (HOLD-TRANSIT); the screen then tells staff where the copy goes:
 * 「予約あり：〇〇図書館の予約棚へ」, 「回送：〇〇図書館へ」 or back to the shelf.
 */
import { eq } from 'drizzle-orm'
import { daysBetween, jstDate } from '../../core/index.ts'
import { checkIn } from '../../db/circulation.ts'
import { patrons, places } from '../../db/schema.ts'
import { copyState, recordAudit, scannedCopy } from './audit.ts'
import type { Counter } from './context.ts'
import { titleName } from './lend.ts'
import { type Unreachable, unreachable } from './notice-reach.ts'

export type ReturnOutcome =
  | {
      ok: true
      title: string
      barcode: string
      /** Whether a loan was open (false: the copy was not recorded as lent). */
      wasOnLoan: boolean
      overdueDays: number
      /** Where the copy goes for a hold, or null: back to the shelf. */
      hold: {
        placeName: string
        locker: boolean
        /** Collected at a bookmobile station: no hold shelf there, it waits to be loaded. */
        bookmobile: boolean
        patronNumber: string
        pickupBy: string | null
        noticeQueued: boolean
        /** Why the queued notice cannot reach the patron (staff phone them), or null. */
        unreachable: Unreachable | null
        /** HOLD-TRANSIT: it travels first; the hold is ready once received there. */
        inTransit: boolean
      } | null
      /** HOLD-TRANSIT: where the copy travels to now (回送先), or null: it stays here. */
      transitToName: string | null
      /** Whether this scan received a copy that travelled here. */
      received: boolean
      /** Withdrawn (除籍): taken back, but not to go back on the shelf. */
      withdrawn: boolean
    }
  | { ok: false; reason: string; message: string }

export async function giveBack(
  k: Counter,
  staffId: number,
  input: { barcode: string; placeId: number },
): Promise<ReturnOutcome> {
  const { barcode, copyId, before } = await scannedCopy(k.db, input.barcode)
  const now = k.now()
  const result = await checkIn(k.db, { barcode, placeId: input.placeId }, now, k.policy)
  if (!result.ok) {
    await recordAudit(k.db, {
      staffId,
      at: now,
      action: 'checkin.refused',
      subject: copyId ? `copy:${copyId}` : `barcode:${barcode.slice(0, 64)}`,
      before,
      after: { reason: result.reason },
    })
    return { ok: false, reason: result.reason, message: result.message.ja }
  }
  const v = result.value
  const after = await copyState(k.db, v.copyId)
  await recordAudit(k.db, {
    staffId,
    at: now,
    action: 'checkin',
    subject: `copy:${v.copyId}`,
    before,
    after: {
      ...after,
      deskPlaceId: input.placeId,
      noticeId: v.noticeId,
      // A scan of a copy not on loan is no return: きょう返却した資料 says so (recent-returns.ts).
      wasOnLoan: v.returnedLoanId !== null,
    },
  })
  const overdueDays = before?.dueDate ? Math.max(0, daysBetween(before.dueDate, jstDate(now))) : 0
  return {
    ok: true,
    title: await titleName(k, v.titleId),
    barcode,
    wasOnLoan: v.returnedLoanId !== null,
    overdueDays: v.returnedLoanId !== null ? overdueDays : 0,
    ...(await whereItGoes(k, v, after?.pickupBy ?? null)),
    received: before?.transitToId === input.placeId,
    withdrawn: v.withdrawn,
  }
}

/** What a check-in or a receipt did with the copy: the hold it serves (and where), or where it travels. */
export async function whereItGoes(
  k: Counter,
  v: {
    hold: { pickupPlaceId: number; locker: boolean; patronId: number; state: string } | null
    noticeId: string | null
    transitToId: number | null
  },
  pickupBy: string | null,
): Promise<Pick<Extract<ReturnOutcome, { ok: true }>, 'hold' | 'transitToName'>> {
  return {
    hold: v.hold
      ? {
          placeName: await placeName(k, v.hold.pickupPlaceId),
          locker: v.hold.locker,
          bookmobile: (await placeKind(k, v.hold.pickupPlaceId)) === 'bookmobile',
          patronNumber: await patronNumber(k, v.hold.patronId),
          pickupBy,
          noticeQueued: v.noticeId !== null,
          unreachable: v.noticeId !== null ? await unreachable(k.db, v.hold.patronId) : null,
          inTransit: v.hold.state === 'in_transit',
        }
      : null,
    transitToName: v.transitToId ? await placeName(k, v.transitToId) : null,
  }
}

export async function placeName(k: Counter, id: number): Promise<string> {
  const [p] = await k.db.orm.select({ name: places.name }).from(places).where(eq(places.id, id))
  return p?.name ?? ''
}

async function placeKind(k: Counter, id: number): Promise<string | null> {
  const [p] = await k.db.orm.select({ kind: places.kind }).from(places).where(eq(places.id, id))
  return p?.kind ?? null
}

export async function patronNumber(k: Counter, id: number): Promise<string> {
  const [p] = await k.db.orm
    .select({ number: patrons.number })
    .from(patrons)
    .where(eq(patrons.id, id))
  return p?.number ?? ''
}
