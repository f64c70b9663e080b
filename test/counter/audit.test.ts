/** The audit trail: who did what, when, to which subject, with the state before and after. */
import { asc } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { listAudit } from '../../bot/counter/audit.ts'
import { auditLog, staff } from '../../db/schema.ts'
import { DeskClient, text } from './desk-client.ts'
import {
  addWaitingHold,
  copy,
  copyId,
  harness,
  NOW,
  number,
  PATRON,
  PLACE,
  TITLE,
} from './fixture.ts'

async function session() {
  const h = await harness()
  await addWaitingHold(h.db, {
    id: 1,
    patronId: PATRON.bob,
    titleId: TITLE.gingatetsudo,
    pickupPlaceId: PLACE.kuzuha,
    placedAt: NOW - 1000,
  })
  const desk = await new DeskClient(h.app).signedIn()
  await desk.post('/counter/patron', { number: number(PATRON.alice) })
  await desk.submit(`/counter/patrons/${PATRON.alice}/lend`, {
    barcode: copy(TITLE.gingatetsudo, 1),
  })
  await desk.submit(`/counter/patrons/${PATRON.alice}/lend`, { barcode: copy(TITLE.reference, 1) })
  await desk.submit('/counter/return', { barcode: copy(TITLE.gingatetsudo, 1) })
  return { ...h, desk }
}

const entries = async (h: Awaited<ReturnType<typeof session>>) =>
  (await h.db.orm.select().from(auditLog).orderBy(asc(auditLog.id))).map((e) => ({
    ...e,
    before: e.before ? JSON.parse(e.before) : null,
    after: e.after ? JSON.parse(e.after) : null,
  }))

describe('the audit trail', () => {
  it('records every staff action with who, when, what, subject, before and after', async () => {
    const h = await session()
    const [me] = await h.db.orm.select().from(staff)
    const log = await entries(h)
    expect(log.map((e) => e.action)).toEqual([
      'staff.sign_in',
      'patron.lookup',
      'checkout',
      'checkout.refused',
      'checkin',
    ])
    expect(log.every((e) => e.staffId === me?.id && e.at === NOW)).toBe(true)
    const [, lookup, lend, refused, back] = log
    expect(lookup).toMatchObject({ subject: `patron:${PATRON.alice}` })
    expect(lend?.subject).toBe(`copy:${copyId(TITLE.gingatetsudo, 1)}`)
    expect(lend?.before).toMatchObject({ status: 'on_shelf', loanId: null, borrowerId: null })
    expect(lend?.after).toMatchObject({
      status: 'on_loan',
      borrowerId: PATRON.alice,
      dueDate: '2026-06-24',
      patronId: PATRON.alice,
    })
    expect(refused?.after).toMatchObject({ patronId: PATRON.alice, reason: 'not_for_loan' })
    expect(back?.before).toMatchObject({ status: 'on_loan', borrowerId: PATRON.alice })
    expect(back?.after).toMatchObject({
      status: 'in_transit',
      borrowerId: null,
      holdId: 1,
      holderId: PATRON.bob,
      holdState: 'in_transit',
      pickupPlaceId: PLACE.kuzuha,
      // The copy now travels to 楠葉 (HOLD-TRANSIT); the return was made at this desk (中央).
      placeId: PLACE.kuzuha,
      transitToId: PLACE.kuzuha,
      deskPlaceId: PLACE.central,
      // No notice until 楠葉 receives it.
      noticeId: null,
    })
  })

  it('keeps titles out of the trail: ids, barcodes and states only', async () => {
    const h = await session()
    const raw = (await h.db.orm.select().from(auditLog)).map((e) => `${e.before}${e.after}`).join()
    expect(raw).not.toContain('銀河鉄道の夜')
    expect(raw).not.toContain('山田')
  })

  it('filters by patron (as borrower or holder) and by copy', async () => {
    const h = await session()
    const forBob = await listAudit(h.db, { patronId: PATRON.bob })
    expect(forBob.map((e) => e.action)).toEqual(['checkin'])
    const forAlice = await listAudit(h.db, { patronId: PATRON.alice })
    expect(forAlice.map((e) => e.action).sort()).toEqual(
      ['checkin', 'checkout', 'checkout.refused', 'patron.lookup'].sort(),
    )
    const forCopy = await listAudit(h.db, { copyId: copyId(TITLE.reference, 1) })
    expect(forCopy.map((e) => e.action)).toEqual(['checkout.refused'])
  })

  it('a search of the trail for a patron or a copy is itself recorded, with who searched', async () => {
    const h = await session()
    const [me] = await h.db.orm.select().from(staff)
    const before = (await entries(h)).length
    await h.desk.get('/counter/audit')
    await h.desk.get('/counter/audit?patron=999999999')
    expect(await entries(h)).toHaveLength(before)
    await h.desk.get(`/counter/audit?patron=${number(PATRON.alice)}`)
    await h.desk.get(`/counter/audit?copy=${copy(TITLE.reference, 1)}`)
    expect((await entries(h)).slice(before)).toEqual([
      expect.objectContaining({
        staffId: me?.id,
        at: NOW,
        action: 'audit.search',
        subject: `patron:${PATRON.alice}`,
        after: { patronId: PATRON.alice },
      }),
      expect.objectContaining({
        staffId: me?.id,
        action: 'audit.search',
        subject: `copy:${copyId(TITLE.reference, 1)}`,
        after: { copyId: copyId(TITLE.reference, 1) },
      }),
    ])
    // The next look at 花子's trail shows the search before it.
    const again = text((await h.desk.get(`/counter/audit?patron=${number(PATRON.alice)}`)).html)
    expect(again).toMatch(/操作記録の検索 patron:1 .*利用者番号 /)
  })

  it('lists the latest entries on the console, filterable by patron number or barcode', async () => {
    const h = await session()
    const all = await h.desk.get('/counter/audit')
    expect(all.res.status).toBe(200)
    const page = text(all.html)
    expect(page).toContain('最新の操作（5件）')
    // Sentences staff read, not the stored key:value codes.
    expect(page).toMatch(/返却 copy:11 .*資料の状態：貸出中.*資料の状態：回送中/)
    expect(page).toContain(`借りている人：利用者番号 ${number(PATRON.alice)}`)
    expect(page).toContain('予約の状態：回送中')
    expect(page).not.toMatch(/holdState:|status: |borrowerId/)
    expect(page).toContain('田中 司書')
    const bob = text((await h.desk.get(`/counter/audit?patron=A${number(PATRON.bob)}A`)).html)
    expect(bob).toContain('最新の操作（1件）')
    const ref = text((await h.desk.get(`/counter/audit?copy=${copy(TITLE.reference, 1)}`)).html)
    expect(ref).toContain('貸出（お断り）')
    expect(ref).toContain('最新の操作（1件）')
    const none = await h.desk.get('/counter/audit?copy=NOPE')
    expect(none.res.status).toBe(404)
    expect(text(none.html)).toContain('バーコード「NOPE」の資料は見つかりません')
  })
})
