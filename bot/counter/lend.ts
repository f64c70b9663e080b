/**
 * Lending and handing over held items, each recorded in the audit trail with the copy's
 * state before and after. Decisions are the db operations' (which ask core/); a refusal is
 * recorded too, with its reason, since a refused attempt is also something staff did. A copy
 * scanned again for the patron it is already lent to changes nothing, so nothing is recorded.
 */
import { eq } from 'drizzle-orm'
import { checkOut } from '../../db/circulation.ts'
import { collectHold } from '../../db/hold-shelf.ts'
import { holds, patrons, titles } from '../../db/schema.ts'
import { copyIdByBarcode, copyState, holdState, recordAudit } from './audit.ts'
import type { Counter } from './context.ts'

export type Outcome =
  | {
      ok: true
      title: string
      barcode: string
      dueDate: string
      viaHold: boolean
      /** Already lent to this patron: nothing was lent now. */
      already?: boolean
    }
  | {
      ok: false
      reason: string
      message: string
      /**
       * Whose hold and which book, for a refusal on 予約棚, where the page is no one patron's
       * (core's sentence speaks to the patron): 「山田 花子さん（1000000001）の「…」」.
       */
      about?: string
    }

export async function titleName(k: Counter, titleId: number): Promise<string> {
  const [t] = await k.db.orm
    .select({ title: titles.title })
    .from(titles)
    .where(eq(titles.id, titleId))
  return t?.title ?? ''
}

/** Lend the scanned copy to the patron (their own ready hold is collected this way). */
export async function lend(
  k: Counter,
  staffId: number,
  input: { patronId: number; barcode: string; placeId: number },
): Promise<Outcome> {
  const barcode = input.barcode.normalize('NFKC').trim()
  const copyId = await copyIdByBarcode(k.db, barcode)
  const before = copyId ? await copyState(k.db, copyId) : null
  const now = k.now()
  const result = await checkOut(k.db, { ...input, barcode }, now, k.policy)
  const subject = copyId ? `copy:${copyId}` : `barcode:${barcode.slice(0, 64)}`
  if (!result.ok) {
    await recordAudit(k.db, {
      staffId,
      at: now,
      action: 'checkout.refused',
      subject,
      before,
      after: { patronId: input.patronId, reason: result.reason },
    })
    return { ok: false, reason: result.reason, message: result.message.ja }
  }
  const v = result.value
  if (v.already) {
    const title = await titleName(k, v.titleId)
    return { ok: true, title, barcode, dueDate: v.dueDate, viaHold: false, already: true }
  }
  await recordAudit(k.db, {
    staffId,
    at: now,
    action: 'checkout',
    subject: `copy:${v.copyId}`,
    before,
    after: {
      ...(await copyState(k.db, v.copyId)),
      patronId: input.patronId,
      deskPlaceId: input.placeId,
      collectedHoldId: v.holdId,
    },
  })
  return {
    ok: true,
    title: await titleName(k, v.titleId),
    barcode,
    dueDate: v.dueDate,
    viaHold: v.holdId !== null,
  }
}

/** Hand a ready hold over from the hold shelf: it is lent to its patron. */
export async function handOver(
  k: Counter,
  staffId: number,
  input: { holdId: number; placeId: number },
): Promise<Outcome> {
  const before = await holdState(k.db, input.holdId)
  const copyId = typeof before?.copyId === 'number' ? before.copyId : null
  const copyBefore = copyId ? await copyState(k.db, copyId) : null
  const now = k.now()
  const result = await collectHold(k.db, input, now, k.policy)
  if (!result.ok) {
    await recordAudit(k.db, {
      staffId,
      at: now,
      action: 'hold.collect.refused',
      subject: `hold:${input.holdId}`,
      before: before ? { ...copyBefore, ...before } : null,
      after: { reason: result.reason, holderId: before?.holderId ?? null },
    })
    const about = await holdAbout(k, input.holdId)
    return { ok: false, reason: result.reason, message: result.message.ja, ...(about && { about }) }
  }
  const v = result.value
  await recordAudit(k.db, {
    staffId,
    at: now,
    action: 'hold.collect',
    subject: `hold:${input.holdId}`,
    before: { ...copyBefore, ...before },
    after: {
      ...(await copyState(k.db, v.copyId)),
      ...(await holdState(k.db, input.holdId)),
      deskPlaceId: input.placeId,
    },
  })
  return {
    ok: true,
    title: await titleName(k, v.titleId),
    barcode: copyBefore?.barcode ?? '',
    dueDate: v.dueDate,
    viaHold: true,
  }
}

/** 「山田 花子さん（1000000001）の「銀河鉄道の夜」」: the hold's patron and book, or null. */
async function holdAbout(k: Counter, holdId: number): Promise<string | null> {
  const [row] = await k.db.orm
    .select({ name: patrons.name, number: patrons.number, title: titles.title })
    .from(holds)
    .innerJoin(patrons, eq(patrons.id, holds.patronId))
    .innerJoin(titles, eq(titles.id, holds.titleId))
    .where(eq(holds.id, holdId))
  return row ? `${row.name}さん（${row.number}）の「${row.title}」` : null
}
