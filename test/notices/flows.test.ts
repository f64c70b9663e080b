/** The circulation flows that end in a notice: expiry chains, set holds, lockers. */
import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { runSlot } from '../../bot/notices/index.ts'
import { addDays } from '../../core/index.ts'
import { checkIn, checkOut } from '../../db/circulation.ts'
import { collectHold } from '../../db/hold-shelf.ts'
import { placeHolds } from '../../db/holds.ts'
import { copies, holds, loans } from '../../db/schema.ts'
import { flexText, type Harness, harness, jst, PATRON, PLACE, TITLE } from './harness.ts'

let h: Harness
afterEach(async () => {
  await h?.close()
})

const policyOf = () => h.deps.config.policy
const slot = async (date: string, time: string) => {
  h.clock.set(jst(date, time))
  return runSlot(h.deps, h.clock.now(), { ...h.opts, checkQuota: false })
}
const holdOf = async (patronId: number) =>
  (await h.db.orm.select().from(holds).where(eq(holds.patronId, patronId)))[0]!

describe('HOLD-EXPIRE', () => {
  it('HOLD-EXPIRE: the expiry chain across three waiting patrons — each is told once, then the copy goes back to the shelf', async () => {
    h = await harness()
    const chain = [PATRON.alice, PATRON.dave, PATRON.erin]
    for (const p of [PATRON.bob, ...chain]) await h.link(p)
    await checkOut(
      h.db,
      { patronId: PATRON.bob, barcode: 'B11', placeId: PLACE.central },
      h.clock.now(),
      policyOf(),
    )
    for (const [i, p] of chain.entries()) {
      const r = await placeHolds(
        h.db,
        { patronId: p, titleIds: [TITLE.book(1)], pickupPlaceId: PLACE.central },
        h.clock.now() + i,
        policyOf(),
      )
      expect(r.ok).toBe(true)
    }
    h.clock.advance(60_000)
    await checkIn(h.db, { barcode: 'B11', placeId: PLACE.central }, h.clock.now(), policyOf())
    await slot('2026-06-10', '16:00')
    expect(h.pushesTo(PATRON.alice)).toHaveLength(1)

    for (const [i, p] of chain.entries()) {
      const held = await holdOf(p)
      expect(held.state).toBe('ready')
      const next = chain[i + 1]
      // The day after the last day to collect, at 10:00: expired and passed on in the same slot.
      const report = await slot(addDays(held.pickupBy!, 1), '10:00')
      expect(report.expired).toBe(1)
      expect((await holdOf(p)).state).toBe('expired')
      if (next) {
        expect(report.dispatch).toMatchObject({ sent: 1 })
        expect(h.pushesTo(next)).toHaveLength(1)
        expect(flexText(h.pushesTo(next)[0]!)).toContain('銀河鉄道の夜')
      }
    }
    for (const p of chain) expect(h.pushesTo(p)).toHaveLength(1)
    const [copy] = await h.db.orm.select().from(copies).where(eq(copies.id, 11))
    expect(copy).toMatchObject({ status: 'on_shelf', currentPlaceId: PLACE.central })
  })
})

describe('HOLD-SET', () => {
  it("HOLD-SET: a set hold's second volume is announced after the first is collected, in its own push", async () => {
    h = await harness()
    await h.link(PATRON.alice)
    const placed = await placeHolds(
      h.db,
      {
        patronId: PATRON.alice,
        titleIds: [TITLE.setVol(1), TITLE.setVol(2)],
        pickupPlaceId: PLACE.central,
      },
      h.clock.now(),
      policyOf(),
    )
    expect(placed.ok && placed.value.every((v) => v.setGroup !== null)).toBe(true)
    // Volume 2 comes back first: it may not be made ready before volume 1.
    const early = await checkIn(
      h.db,
      { barcode: 'B321', placeId: PLACE.central },
      h.clock.now(),
      policyOf(),
    )
    expect(early.ok && early.value.noticeId).toBeNull()
    await checkIn(h.db, { barcode: 'B311', placeId: PLACE.central }, h.clock.now(), policyOf())
    await slot('2026-06-10', '16:00')
    const [first] = h.pushesTo(PATRON.alice)
    expect(flexText(first!)).toContain('大阪の歴史 上巻')
    expect(flexText(first!)).not.toContain('中巻')

    h.clock.set(jst('2026-06-11', '11:00'))
    const vol1 = (await h.db.orm.select().from(holds)).find((x) => x.titleId === TITLE.setVol(1))!
    const got = await collectHold(
      h.db,
      { holdId: vol1.id, placeId: PLACE.central },
      h.clock.now(),
      policyOf(),
    )
    expect(got.ok).toBe(true)
    const second = await checkIn(
      h.db,
      { barcode: 'B321', placeId: PLACE.central },
      h.clock.now(),
      policyOf(),
    )
    expect(second.ok && second.value.noticeId).toBeTruthy()
    await slot('2026-06-11', '16:00')
    const pushes = h.pushesTo(PATRON.alice)
    expect(pushes).toHaveLength(2)
    expect(flexText(pushes[1]!)).toContain('大阪の歴史 中巻')
    expect(flexText(pushes[1]!)).not.toContain('上巻')
  })
})

describe('HOLD-LOCKER', () => {
  it('HOLD-LOCKER: a locker pickup goes out at 19:00 (standard ones wait for 10:00); uncollected, the loan is returned after 4 days', async () => {
    h = await harness({ start: jst('2026-06-10', '17:00') })
    await h.link(PATRON.alice)
    await h.link(PATRON.dave)
    await h.readyHolds(PATRON.alice, [TITLE.book(2)], PLACE.locker, ['B21'])
    await h.readyHolds(PATRON.dave, [TITLE.book(3)], PLACE.central, ['B31'])
    const held = await holdOf(PATRON.alice)
    expect(held).toMatchObject({ state: 'ready', pickupBy: '2026-06-14' })
    const [loan] = await h.db.orm.select().from(loans).where(eq(loans.patronId, PATRON.alice))
    expect(loan).toMatchObject({ locker: true, returnedAt: null })

    await slot('2026-06-10', '19:00')
    expect(h.pushesTo(PATRON.alice)).toHaveLength(1)
    expect(h.pushesTo(PATRON.dave)).toHaveLength(0)
    const text = flexText(h.pushesTo(PATRON.alice)[0]!)
    expect(text).toContain('ロッカー')
    expect(text).toContain('2026年6月14日')
    expect(text).toContain('4日以内')

    await slot('2026-06-11', '10:00')
    expect(h.pushesTo(PATRON.dave)).toHaveLength(1)

    // Still in the locker on the last day: nothing happens.
    expect((await slot('2026-06-14', '19:00')).expired).toBe(0)
    const report = await slot('2026-06-15', '10:00')
    expect(report.expired).toBe(1)
    expect((await holdOf(PATRON.alice)).state).toBe('expired')
    const [returned] = await h.db.orm.select().from(loans).where(eq(loans.id, loan!.id))
    expect(returned?.returnedAt).toBe(jst('2026-06-15', '10:00'))
    expect(h.pushesTo(PATRON.alice)).toHaveLength(1)
  })

  it('HOLD-LOCKER, ACC-BLOCK-OVERDUE: a blocked patron’s locker hold is not lent; the notice says why and whom to call', async () => {
    h = await harness({ start: jst('2026-06-10', '17:00') })
    await h.link(PATRON.alice)
    const placed = await placeHolds(
      h.db,
      { patronId: PATRON.alice, titleIds: [TITLE.book(2)], pickupPlaceId: PLACE.locker },
      h.clock.now(),
      policyOf(),
    )
    expect(placed.ok).toBe(true)
    // Then an item of hers turns 60 days overdue (exactly: 「60日以上」).
    await h.db.orm.insert(loans).values({
      copyId: 41,
      patronId: PATRON.alice,
      libraryId: PLACE.central,
      loanDate: '2026-03-28',
      dueDate: addDays('2026-06-10', -60),
      renewals: 0,
      interLibrary: false,
      locker: false,
      loanedAt: jst('2026-03-28', '12:00'),
    })
    const r = await checkIn(h.db, { barcode: 'B21', placeId: 1 }, h.clock.now(), policyOf())
    expect(r).toMatchObject({ ok: true, value: { copyStatus: 'on_hold_shelf' } })
    const held = await holdOf(PATRON.alice)
    expect(held).toMatchObject({ state: 'ready', loanId: null })
    const open = await h.db.orm.select().from(loans).where(eq(loans.copyId, 21))
    expect(open.filter((l) => l.returnedAt === null)).toEqual([])

    await slot('2026-06-10', '19:00')
    // With her hold notice comes the overdue reminder; the hold's says why it is kept back.
    const text = h.pushesTo(PATRON.alice).map(flexText).join('\n')
    expect(text).toContain('図書館でお預かりしています')
    expect(text).toContain('60日以上')
    expect(text).toContain('ロッカーには入れず')
    expect(text).not.toContain('貸出の手続きをして')
    expect(text).toMatch(/\d{3}-\d{4}-\d{4}/)
  })
})
