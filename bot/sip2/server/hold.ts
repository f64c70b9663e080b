/**
 * Holds at a kiosk (15→16): `+` places a hold on the scanned item's title, `-` cancels the
 * patron's hold on it, `*` changes its pickup place (BS: a place id or name; default the
 * kiosk's library). Each is db's own operation (HOLD-* rules, guarded writes), audited under
 * the kiosk.
 */
import { and, eq, inArray } from 'drizzle-orm'
import { cancelHold, changePickupPlace } from '../../../db/hold-changes.ts'
import { placeHolds } from '../../../db/holds.ts'
import { copies, holds, places, titles } from '../../../db/schema.ts'
import { recordAudit } from '../../counter/audit.ts'
import { type Field, type Sip2Message, sipDate } from '../index.ts'
import type { Request } from './context.ts'
import { patronAt } from './patron.ts'
import { passwordScreen } from './patron-auth.ts'

async function pickupPlace(r: Request): Promise<{ id: number; name: string } | null> {
  const bs = r.get('BS')
  if (!bs) return { id: r.kiosk.placeId, name: r.kiosk.placeName }
  const where = /^\d+$/.test(bs) ? eq(places.id, Number(bs)) : eq(places.name, bs)
  const [p] = await r.deps.db.orm
    .select({ id: places.id, name: places.name })
    .from(places)
    .where(where)
  return p ?? null
}

/** What every hold mode works on, once the patron, item and pickup place are known. */
interface HoldCase {
  r: Request
  now: number
  patronId: number
  titleId: number
  place: { id: number; name: string }
  itemFields: Field[]
  answer(ok: boolean, fields: Field[]): Sip2Message
  audit(action: string, subject: string, after: Record<string, unknown>): Promise<void>
}

export async function hold(r: Request): Promise<Sip2Message> {
  const now = r.deps.now()
  const answer = (ok: boolean, fields: Field[]): Sip2Message => ({
    code: '16',
    fixed: { ok: ok ? '1' : '0', available: 'N', transactionDate: sipDate(now) },
    fields: [['AO', r.kiosk.institutionId], ['AA', r.get('AA')], ...fields],
  })
  const p = await patronAt(r)
  if (p.password === 'wrong' || p.password === 'locked')
    return answer(false, [['AF', passwordScreen(p.password, r.deps.policy)]])
  const patron = p.row
  if (!patron)
    return answer(false, [['AF', '利用者番号が見つかりません。カウンターでお尋ねください。']])
  const [item] = await r.deps.db.orm
    .select({ titleId: copies.titleId, title: titles.title })
    .from(copies)
    .innerJoin(titles, eq(titles.id, copies.titleId))
    .where(eq(copies.barcode, r.get('AB').normalize('NFKC')))
  if (!item)
    return answer(false, [
      ['AB', r.get('AB')],
      ['AF', 'この資料番号の資料は見つかりません。カウンターでお尋ねください。'],
    ])
  const itemFields: Field[] = [
    ['AB', r.get('AB')],
    ['AJ', item.title],
  ]
  const place = await pickupPlace(r)
  if (!place)
    return answer(false, [
      ...itemFields,
      ['AF', '受取場所が見つかりません。受取場所を選び直してください。'],
    ])
  const c: HoldCase = {
    r,
    now,
    patronId: patron.id,
    titleId: item.titleId,
    place,
    itemFields,
    answer,
    audit: (action, subject, after) =>
      recordAudit(r.deps.db, {
        staffId: r.kiosk.id,
        at: now,
        action,
        subject,
        before: { patronId: patron.id, titleId: item.titleId },
        after: { patronId: patron.id, ...after },
      }),
  }
  if (r.msg.fixed.holdMode === '+') return placeOne(c)
  const [current] = await r.deps.db.orm
    .select({ id: holds.id })
    .from(holds)
    .where(
      and(
        eq(holds.patronId, patron.id),
        eq(holds.titleId, item.titleId),
        inArray(holds.state, ['waiting', 'in_transit', 'ready']),
      ),
    )
  if (!current) return answer(false, [...itemFields, ['AF', 'この資料の予約はありません。']])
  return r.msg.fixed.holdMode === '-' ? cancelOne(c, current.id) : movePickup(c, current.id)
}

async function placeOne(c: HoldCase): Promise<Sip2Message> {
  const placed = await placeHolds(
    c.r.deps.db,
    { patronId: c.patronId, titleIds: [c.titleId], pickupPlaceId: c.place.id },
    c.now,
    c.r.deps.policy,
  )
  if (!placed.ok) {
    await c.audit('hold.place.refused', `title:${c.titleId}`, { reason: placed.reason })
    return c.answer(false, [...c.itemFields, ['AF', `予約できません。${placed.message.ja}`]])
  }
  const id = placed.value[0]!.id
  await c.audit('hold.place', `hold:${id}`, { holdId: id, pickupPlaceId: c.place.id })
  const position = await queuePosition(c.r, c.titleId, id)
  return c.answer(true, [
    ['BR', String(position)],
    ['BS', c.place.name],
    ...c.itemFields,
    ['AF', `予約しました。受取場所：${c.place.name}。ご用意できたらお知らせします。`],
  ])
}

async function cancelOne(c: HoldCase, holdId: number): Promise<Sip2Message> {
  const done = await cancelHold(
    c.r.deps.db,
    { patronId: c.patronId, holdId },
    c.now,
    c.r.deps.policy,
  )
  await c.audit(
    done.ok ? 'hold.cancel' : 'hold.cancel.refused',
    `hold:${holdId}`,
    done.ok ? { holdId, holdState: 'cancelled' } : { reason: done.reason },
  )
  return done.ok
    ? c.answer(true, [...c.itemFields, ['AF', '予約を取り消しました。']])
    : c.answer(false, [...c.itemFields, ['AF', `予約を取り消せません。${done.message.ja}`]])
}

async function movePickup(c: HoldCase, holdId: number): Promise<Sip2Message> {
  const changed = await changePickupPlace(
    c.r.deps.db,
    { patronId: c.patronId, holdId, pickupPlaceId: c.place.id },
    c.now,
    c.r.deps.policy,
  )
  await c.audit(
    changed.ok ? 'hold.pickup' : 'hold.pickup.refused',
    `hold:${holdId}`,
    changed.ok ? { holdId, pickupPlaceId: c.place.id } : { reason: changed.reason },
  )
  return changed.ok
    ? c.answer(true, [
        ['BS', c.place.name],
        ...c.itemFields,
        ['AF', `受取場所を${c.place.name}に変更しました。`],
      ])
    : c.answer(false, [...c.itemFields, ['AF', `受取場所を変更できません。${changed.message.ja}`]])
}

/** HOLD-QUEUE: how many waiting holds on the title were placed before this one, plus one. */
async function queuePosition(r: Request, titleId: number, holdId: number): Promise<number> {
  const rows = await r.deps.db.orm
    .select({ id: holds.id })
    .from(holds)
    .where(and(eq(holds.titleId, titleId), eq(holds.state, 'waiting')))
    .orderBy(holds.placedAt, holds.id)
  return rows.findIndex((h) => h.id === holdId) + 1
}
