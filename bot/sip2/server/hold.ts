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

export async function hold(r: Request): Promise<Sip2Message> {
  const now = r.deps.now()
  const mode = r.msg.fixed.holdMode
  const answer = (ok: boolean, fields: Field[], available = false): Sip2Message => ({
    code: '16',
    fixed: { ok: ok ? '1' : '0', available: available ? 'Y' : 'N', transactionDate: sipDate(now) },
    fields: [['AO', r.kiosk.institutionId], ['AA', r.get('AA')], ...fields],
  })
  const p = await patronAt(r)
  if (p.password === 'wrong' || p.password === 'locked')
    return answer(false, [['AF', passwordScreen(p.password, r.deps.policy)]])
  if (!p.row)
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
  const [current] = await r.deps.db.orm
    .select({ id: holds.id, state: holds.state })
    .from(holds)
    .where(
      and(
        eq(holds.patronId, p.row.id),
        eq(holds.titleId, item.titleId),
        inArray(holds.state, ['waiting', 'in_transit', 'ready']),
      ),
    )
  const audit = (action: string, subject: string, after: Record<string, unknown>) =>
    recordAudit(r.deps.db, {
      staffId: r.kiosk.id,
      at: now,
      action,
      subject,
      before: { patronId: p.row!.id, titleId: item.titleId },
      after: { patronId: p.row!.id, ...after },
    })

  if (mode === '+') {
    const placed = await placeHolds(
      r.deps.db,
      { patronId: p.row.id, titleIds: [item.titleId], pickupPlaceId: place.id },
      now,
      r.deps.policy,
    )
    if (!placed.ok) {
      await audit('hold.place.refused', `title:${item.titleId}`, { reason: placed.reason })
      return answer(false, [...itemFields, ['AF', `予約できません。${placed.message.ja}`]])
    }
    const id = placed.value[0]!.id
    await audit('hold.place', `hold:${id}`, { holdId: id, pickupPlaceId: place.id })
    const position = await queuePosition(r, item.titleId, id)
    return answer(true, [
      ['BR', String(position)],
      ['BS', place.name],
      ...itemFields,
      ['AF', `予約しました。受取場所：${place.name}。ご用意できたらお知らせします。`],
    ])
  }
  if (!current) return answer(false, [...itemFields, ['AF', 'この資料の予約はありません。']])
  if (mode === '-') {
    const done = await cancelHold(
      r.deps.db,
      { patronId: p.row.id, holdId: current.id },
      now,
      r.deps.policy,
    )
    await audit(
      done.ok ? 'hold.cancel' : 'hold.cancel.refused',
      `hold:${current.id}`,
      done.ok ? { holdId: current.id, holdState: 'cancelled' } : { reason: done.reason },
    )
    return done.ok
      ? answer(true, [...itemFields, ['AF', '予約を取り消しました。']])
      : answer(false, [...itemFields, ['AF', `予約を取り消せません。${done.message.ja}`]])
  }
  const changed = await changePickupPlace(
    r.deps.db,
    { patronId: p.row.id, holdId: current.id, pickupPlaceId: place.id },
    now,
    r.deps.policy,
  )
  await audit(
    changed.ok ? 'hold.pickup' : 'hold.pickup.refused',
    `hold:${current.id}`,
    changed.ok ? { holdId: current.id, pickupPlaceId: place.id } : { reason: changed.reason },
  )
  return changed.ok
    ? answer(true, [
        ['BS', place.name],
        ...itemFields,
        ['AF', `受取場所を${place.name}に変更しました。`],
      ])
    : answer(false, [...itemFields, ['AF', `受取場所を変更できません。${changed.message.ja}`]])
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
