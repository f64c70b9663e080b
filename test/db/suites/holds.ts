/** Placing and listing holds: HOLD-* rules through the database, and the races. */
import { eq, sql } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { HIRAKATA_POLICY as policy } from '../../../core/index.ts'
import type { Db } from '../../../db/client.ts'
import { listHolds, placeHolds } from '../../../db/holds.ts'
import { holds } from '../../../db/schema.ts'
import type { OpenDb } from '../drivers.ts'
import { NOW, PATRON, PLACE, TITLE } from '../fixture.ts'

export function holdsSuite(open: OpenDb) {
  describe('holds: place and list', () => {
    let db: Db
    beforeEach(async () => {
      db = await open()
    })
    const count = async (patronId: number) =>
      (await db.orm.select().from(holds).where(eq(holds.patronId, patronId))).length
    const place = (patronId: number, titleIds: number[], pickupPlaceId: number = PLACE.central) =>
      placeHolds(db, { patronId, titleIds, pickupPlaceId }, NOW, policy)

    it('HOLD-SCOPE: places a hold and lists it with its queue position (HOLD-QUEUE)', async () => {
      const first = await place(PATRON.bob, [TITLE.book(1)])
      const second = await place(PATRON.alice, [TITLE.book(1)], PLACE.kuzuha)
      expect(first.ok && second.ok).toBe(true)
      const list = await listHolds(db, { patronId: PATRON.alice }, NOW, policy)
      if (!list.ok) throw new Error('list refused')
      expect(list.value).toHaveLength(1)
      expect(list.value[0]).toMatchObject({
        state: 'waiting',
        title: '銀河鉄道の夜',
        queuePosition: 2,
        pickupPlace: { id: PLACE.kuzuha, name: '楠葉図書館' },
        pickupBy: null,
      })
      expect(list.value[0]?.cancel.ok).toBe(true)
    })

    it('HOLD-SET: volumes reserved together share a set group in volume order', async () => {
      const r = await place(PATRON.alice, [TITLE.setVol(3), TITLE.setVol(1), TITLE.setVol(2)])
      if (!r.ok) throw new Error(r.reason)
      const byTitle = new Map(r.value.map((h) => [h.titleId, h]))
      const group = byTitle.get(TITLE.setVol(1))?.setGroup
      expect(group).toBeTypeOf('number')
      expect([1, 2, 3].map((v) => byTitle.get(30 + v)?.volume)).toEqual([1, 2, 3])
      expect(r.value.every((h) => h.setGroup === group)).toBe(true)
    })

    it('HOLD-SET: manga volumes are never a set', async () => {
      const r = await place(PATRON.alice, [TITLE.manga(1), TITLE.manga(2)])
      if (!r.ok) throw new Error(r.reason)
      expect(r.value.every((h) => h.setGroup === null)).toBe(true)
    })

    it('HOLD-NONCIRC and HOLD-AUDIOBOOK: refused with a reason, nothing stored', async () => {
      const ref = await place(PATRON.alice, [TITLE.reference])
      const audio = await place(PATRON.alice, [TITLE.audiobook])
      expect(ref).toMatchObject({ ok: false, reason: 'not_for_loan' })
      expect(audio).toMatchObject({ ok: false, reason: 'audiobook' })
      expect(await place(PATRON.carol, [TITLE.audiobook])).toMatchObject({ ok: true })
      expect(await count(PATRON.alice)).toBe(0)
    })

    it('HOLD-DUPLICATE: a second hold on the same title is refused', async () => {
      await place(PATRON.alice, [TITLE.book(2)])
      expect(await place(PATRON.alice, [TITLE.book(2)])).toMatchObject({
        ok: false,
        reason: 'duplicate',
      })
      expect(await count(PATRON.alice)).toBe(1)
    })

    it('HOLD-DUPLICATE: two identical requests arriving together make one hold', async () => {
      const results = await Promise.all([
        place(PATRON.alice, [TITLE.book(3)]),
        place(PATRON.alice, [TITLE.book(3)]),
      ])
      expect(results.filter((r) => r.ok)).toHaveLength(1)
      expect(results.find((r) => !r.ok)).toMatchObject({ reason: 'duplicate' })
      expect(await count(PATRON.alice)).toBe(1)
    })

    it('HOLD-LIMIT: a cart that would pass 15 is refused whole, with the numbers', async () => {
      const ten = Array.from({ length: 10 }, (_, i) => TITLE.book(i + 1))
      expect((await place(PATRON.alice, ten)).ok).toBe(true)
      const six = Array.from({ length: 6 }, (_, i) => TITLE.book(i + 11))
      const r = await place(PATRON.alice, six)
      expect(r).toMatchObject({ ok: false, reason: 'limit' })
      if (!r.ok) expect(r.message.ja).toContain('15')
      expect(await count(PATRON.alice)).toBe(10)
    })

    it('HOLD-LIMIT: 50 concurrent placements never pass 15 in total', async () => {
      const ids = [...Array.from({ length: 20 }, (_, i) => TITLE.book(i + 1))]
      const tries = Array.from({ length: 50 }, (_, i) => place(PATRON.alice, [ids[i % 20]!]))
      const results = await Promise.all(tries)
      expect(results.filter((r) => r.ok)).toHaveLength(15)
      expect(await count(PATRON.alice)).toBe(15)
    })

    it('HOLD-LIMIT: 50 concurrent placements never pass 6 AV', async () => {
      const dvds = Array.from({ length: 8 }, (_, i) => TITLE.dvd(i + 1))
      const tries = Array.from({ length: 50 }, (_, i) => place(PATRON.alice, [dvds[i % 8]!]))
      const results = await Promise.all(tries)
      expect(results.filter((r) => r.ok)).toHaveLength(6)
      expect(results.some((r) => !r.ok && r.reason === 'av_limit')).toBe(true)
      expect(await count(PATRON.alice)).toBe(6)
    })

    it('HOLD-LIMIT: 50 concurrent two-title carts never pass 15', async () => {
      const tries = Array.from({ length: 50 }, (_, i) =>
        place(PATRON.alice, [TITLE.book((i % 10) * 2 + 1), TITLE.book((i % 10) * 2 + 2)]),
      )
      await Promise.all(tries)
      const n = await count(PATRON.alice)
      expect(n).toBeLessThanOrEqual(15)
      expect(n % 2).toBe(0)
    })

    it('ACC-PASSWORD: a hold needs a way to reach the patron', async () => {
      await db.all(
        sql`UPDATE line_links SET followed = 0 WHERE patron_id = ${PATRON.bob} RETURNING 1`,
      )
      expect(await place(PATRON.bob, [TITLE.book(1)])).toMatchObject({
        ok: false,
        reason: 'unreachable',
      })
    })

    it('ACC-ELIGIBLE and ACC-EXPIRED: wide-area and lapsed patrons are refused', async () => {
      expect(await place(PATRON.wide, [TITLE.book(1)])).toMatchObject({ reason: 'wide_area' })
      expect(await place(PATRON.expired, [TITLE.book(1)])).toMatchObject({ reason: 'expired' })
    })

    it('bad input is refused with a typed reason and changes nothing', async () => {
      expect(await place(999, [TITLE.book(1)])).toMatchObject({ reason: 'unknown_patron' })
      expect(await place(PATRON.alice, [9999])).toMatchObject({ reason: 'unknown_title' })
      expect(await place(PATRON.alice, [TITLE.book(1)], 99)).toMatchObject({ reason: 'pickup' })
      for (const bad of [
        { patronId: -1, titleIds: [1], pickupPlaceId: 1 },
        { patronId: 1.5, titleIds: [1], pickupPlaceId: 1 },
        { patronId: 1, titleIds: [], pickupPlaceId: 1 },
        { patronId: 1, titleIds: [1, 1], pickupPlaceId: 1 },
        { patronId: 1, titleIds: ['1'], pickupPlaceId: 1 },
        { patronId: 1, titleIds: [1], pickupPlaceId: Number.NaN },
      ])
        expect(await placeHolds(db, bad as never, NOW, policy)).toMatchObject({
          ok: false,
          reason: 'invalid_input',
        })
      expect(await count(PATRON.alice)).toBe(0)
    })
  })
}
