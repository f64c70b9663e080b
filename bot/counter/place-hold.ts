/**
 * 窓口予約: staff place a hold for the patron on screen (in front of them, or on the phone).
 * The book is named by its ISBN (typed, or scanned from the back cover) or by the barcode of
 * one of its copies; the hold is placed by db/holds.ts with core's counter rules (HOLD-LIMIT
 * counts counter and online holds together; no web password or LINE needed: core/holds.ts),
 * in the same guarded statement as online, so a counter hold and a LINE one racing never
 * pass a limit. Placed or refused, it is on record with the staff member.
 */
import { and, eq, isNull, sql } from 'drizzle-orm'
import { parseIsbn13 } from '../../core/index.ts'
import { searchTitles } from '../../db/catalogue.ts'
import { MAX_CART, placeHolds } from '../../db/holds.ts'
import { titleIdByIsbn } from '../../db/purchase-requests.ts'
import { copies, places, titles } from '../../db/schema.ts'
import { recordAudit } from './audit.ts'
import type { Counter } from './context.ts'
import { type Unreachable, unreachable } from './notice-reach.ts'

export type HoldOutcome =
  | {
      ok: true
      title: string
      /** How many holds: more than 1 for the volumes of a set reserved together (HOLD-SET). */
      volumes: number
      place: string
      /** Whether LINE can tell them it is ready; if not, staff phone (bot/counter/notice-reach.ts). */
      reach: Unreachable | null
      pickupPlaceId: number
    }
  | {
      ok: false
      reason: string
      /** Core's sentence, written for the patron: staff read it out (views/hold-form.tsx). */
      message: string
      /** What was typed and chosen, put back in the form to correct and send again. */
      item: string
      pickupPlaceId: number
      wholeSet: boolean
    }

/** A catalogue title offered when staff typed words rather than a number. */
export interface HoldMatch {
  id: number
  title: string
  author: string
  year: number | null
}

/** How many titles a typed word offers at most: more means typing more of it. */
const MATCHES = 10

/**
 * The title an ISBN or a copy's barcode names; for words (a patron asking for a book by its
 * title), the catalogue's matches to choose from (bunko's own search, db/catalogue.ts); or
 * why none (nothing done: not on record).
 */
export async function titleToHold(
  k: Counter,
  typed: string,
): Promise<number | string | HoldMatch[]> {
  const code = typed.normalize('NFKC').trim()
  if (!code) return '予約する資料のISBN、資料のバーコード、または書名を入力してください。'
  const isbn = parseIsbn13(code)
  if (isbn.ok) {
    const id = await titleIdByIsbn(k.db, isbn.value)
    return id ?? `ISBN ${isbn.value} の資料は所蔵していません。番号をご確認ください。`
  }
  // Thirteen digits from 978/979 that fail the check digit: a misread ISBN, not a barcode.
  if (isbn.reason === 'check_digit' && /^97[89]/.test(code.replace(/[\s-]/g, '')))
    return 'ISBNの数字に誤りがあります（チェック数字が合いません）。もう一度読み取るか、番号をご確認ください。'
  // A withdrawn copy (a discarded book in hand) names nothing to reserve.
  const [copy] = await k.db.orm
    .select({ titleId: copies.titleId })
    .from(copies)
    .innerJoin(titles, eq(titles.id, copies.titleId))
    .where(and(eq(copies.barcode, code), isNull(copies.withdrawnAt), isNull(titles.withdrawnAt)))
  if (copy) return copy.titleId
  const found = /^(?=.*\d)[\dA-Za-z-]+$/.test(code)
    ? []
    : await searchTitles(k.db, { q: code, limit: MATCHES })
  if (found.length)
    return found.map((t) => ({ id: t.id, title: t.title, author: t.author, year: t.year }))
  return `「${code.slice(0, 40)}」に当たる資料が見つかりません。ISBN、資料のバーコード、または書名をご確認ください。`
}

/**
 * HOLD-SET: with `wholeSet`, every volume of the title's set still in the catalogue, in volume
 * order (one set hold, filled in that order); the title alone when it is in no set.
 */
async function titlesToHold(k: Counter, titleId: number, wholeSet: boolean): Promise<number[]> {
  if (!wholeSet) return [titleId]
  const rows = await k.db.all<{ id: number }>(sql`SELECT v.id FROM titles t
    JOIN titles v ON v.set_id = t.set_id AND v.withdrawn_at IS NULL
    WHERE t.id = ${titleId} AND t.set_id IS NOT NULL
    ORDER BY v.volume, v.id LIMIT ${MAX_CART}`)
  return rows.length ? rows.map((r) => r.id) : [titleId]
}

export async function placeHoldAtDesk(
  k: Counter,
  staffId: number,
  input: {
    patronId: number
    titleId: number
    pickupPlaceId: number
    item: string
    /** HOLD-SET: reserve every volume of its set together. */
    wholeSet?: boolean
  },
): Promise<HoldOutcome> {
  const { titleId } = input
  const now = k.now()
  const titleIds = await titlesToHold(k, titleId, input.wholeSet === true)
  const placed = await placeHolds(
    k.db,
    { patronId: input.patronId, titleIds, pickupPlaceId: input.pickupPlaceId, channel: 'counter' },
    now,
    k.policy,
  )
  const subject = `patron:${input.patronId}`
  if (!placed.ok) {
    await recordAudit(k.db, {
      staffId,
      at: now,
      action: 'hold.place.refused',
      subject,
      after: {
        patronId: input.patronId,
        pickupPlaceId: input.pickupPlaceId,
        reason: placed.reason,
      },
    })
    const { item, pickupPlaceId } = input
    const wholeSet = input.wholeSet === true
    const { reason } = placed
    return { ok: false, reason, message: placed.message.ja, item, pickupPlaceId, wholeSet }
  }
  // One entry per hold, as the patron's own through LINE are counted (統計).
  for (const hold of placed.value)
    await recordAudit(k.db, {
      staffId,
      at: now,
      action: 'hold.place',
      subject: `hold:${hold.id}`,
      after: { holdId: hold.id, holderId: input.patronId, pickupPlaceId: input.pickupPlaceId },
    })
  const [named] = await k.db.orm
    .select({ title: titles.title, place: places.name })
    .from(titles)
    .innerJoin(places, eq(places.id, input.pickupPlaceId))
    .where(eq(titles.id, titleId))
  const reach = await unreachable(k.db, input.patronId)
  return {
    ok: true,
    title: named?.title ?? '',
    volumes: placed.value.length,
    place: named?.place ?? '',
    reach,
    pickupPlaceId: input.pickupPlaceId,
  }
}
