/** Family cards (ACC-FAMILY) and their links (LINE-LINK), on each driver. */
import { eq } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { HIRAKATA_POLICY as policy } from '../../../core/index.ts'
import { addToCart, cartTitleIds } from '../../../db/cart.ts'
import type { Db } from '../../../db/client.ts'
import { familyOf, setFamilyLanguage, unlinkOne } from '../../../db/family.ts'
import { createLinkNonce, linkByNonce } from '../../../db/links.ts'
import { lineLinks, patrons } from '../../../db/schema.ts'
import type { OpenDb } from '../drivers.ts'
import { NOW, PATRON } from '../fixture.ts'

/** Eight more patrons who may link (alice's password), ids 201–208. */
async function addPatrons(db: Db): Promise<number[]> {
  const [alice] = await db.orm.select().from(patrons).where(eq(patrons.id, PATRON.alice))
  if (!alice) throw new Error('fixture')
  const ids = Array.from({ length: 8 }, (_, i) => 201 + i)
  // One insert a row: D1 allows 100 bound variables a statement.
  const rows = ids.map((id) => ({
    ...alice,
    id,
    number: `20000${id}`,
    name: `家族 ${id}`,
    email: null,
  }))
  for (const row of rows)
    await db.batch([db.orm.insert(patrons).values(row).returning({ id: patrons.id })])
  return ids
}

export function familySuite(open: OpenDb) {
  describe('family cards', () => {
    let db: Db
    beforeEach(async () => {
      db = await open()
    })
    const nonceFor = async (patronId: number) => {
      const r = await createLinkNonce(db, { patronId }, NOW, policy)
      if (!r.ok) throw new Error(r.reason)
      return r.value.nonce
    }
    const link = async (patronId: number, lineUserId: string, p = policy) =>
      linkByNonce(db, { nonce: await nonceFor(patronId), lineUserId }, NOW, p)

    it('ACC-FAMILY: one LINE account links several patrons, listed in the order they were linked', async () => {
      expect(await link(PATRON.alice, 'U-fam')).toMatchObject({ ok: true, value: { replaced: [] } })
      expect(await link(PATRON.carol, 'U-fam')).toMatchObject({ ok: true, value: { replaced: [] } })
      const family = await familyOf(db, 'U-fam')
      expect(family.map((m) => [m.patronId, m.name])).toEqual([
        [PATRON.alice, '山田 花子'],
        [PATRON.carol, expect.any(String)],
      ])
      expect(family[0]?.number).toBe('1000001')
      expect(await familyOf(db, 'U-nobody')).toEqual([])
    })

    it('ACC-FAMILY: a seventh card is refused with what to do, and nothing changes', async () => {
      const ids = await addPatrons(db)
      for (const id of ids.slice(0, 6)) expect(await link(id, 'U-fam')).toMatchObject({ ok: true })
      const seventh = await link(ids[6]!, 'U-fam')
      expect(seventh).toMatchObject({ ok: false, reason: 'family_full' })
      if (!seventh.ok) expect(seventh.message.ja).toContain('連携を解除')
      expect(await familyOf(db, 'U-fam')).toHaveLength(6)
      // Linking one of the six again is not a seventh.
      expect(await link(ids[0]!, 'U-fam')).toMatchObject({ ok: true })
      // A patron linked elsewhere is not taken from that account when the family is full.
      expect(await link(PATRON.bob, 'U-fam')).toMatchObject({ reason: 'family_full' })
      const [bob] = await db.orm.select().from(lineLinks).where(eq(lineLinks.patronId, PATRON.bob))
      expect(bob?.lineUserId).toBe('U-bob')
    })

    it('ACC-FAMILY: links racing for the last places never make more than 6', async () => {
      const ids = await addPatrons(db)
      for (const id of ids.slice(0, 4)) await link(id, 'U-fam')
      const nonces = await Promise.all(
        [...ids.slice(4), PATRON.alice, PATRON.carol].map(async (id) => nonceFor(id)),
      )
      const results = await Promise.all(
        nonces.map((nonce) => linkByNonce(db, { nonce, lineUserId: 'U-fam' }, NOW, policy)),
      )
      expect(results.filter((r) => r.ok)).toHaveLength(2)
      expect(results.filter((r) => !r.ok && r.reason === 'family_full')).toHaveLength(4)
      expect(await familyOf(db, 'U-fam')).toHaveLength(6)
    })

    it('ACC-FAMILY: the limit is the policy’s (familyCards)', async () => {
      const two = { ...policy, familyCards: 2 }
      expect(await link(PATRON.alice, 'U-fam', two)).toMatchObject({ ok: true })
      expect(await link(PATRON.carol, 'U-fam', two)).toMatchObject({ ok: true })
      expect(await link(PATRON.dave, 'U-fam', two)).toMatchObject({ reason: 'family_full' })
    })

    it('LINE-LINK: a family card linked from another account moves, and that account is named', async () => {
      await link(PATRON.alice, 'U-fam')
      const r = await link(PATRON.bob, 'U-fam')
      expect(r).toMatchObject({
        ok: true,
        value: { replaced: [{ patronId: PATRON.bob, lineUserId: 'U-bob' }] },
      })
      expect((await familyOf(db, 'U-fam')).map((m) => m.patronId)).toEqual([
        PATRON.alice,
        PATRON.bob,
      ])
      expect(await familyOf(db, 'U-bob')).toEqual([])
    })

    it('ACC-FAMILY: unlinking one card leaves the others; another account’s card is not touched', async () => {
      await link(PATRON.alice, 'U-fam')
      await link(PATRON.carol, 'U-fam')
      expect(await unlinkOne(db, { lineUserId: 'U-fam', patronId: PATRON.bob }, NOW)).toEqual({
        unlinked: false,
        remaining: 2,
      })
      expect(await familyOf(db, 'U-bob')).toHaveLength(1)
      expect(await unlinkOne(db, { lineUserId: 'U-fam', patronId: PATRON.alice }, NOW)).toEqual({
        unlinked: true,
        remaining: 1,
      })
      expect((await familyOf(db, 'U-fam')).map((m) => m.patronId)).toEqual([PATRON.carol])
      expect(await unlinkOne(db, { lineUserId: 'U-fam', patronId: PATRON.carol }, NOW)).toEqual({
        unlinked: true,
        remaining: 0,
      })
    })

    it('ACC-FAMILY: the account’s hold cart (kept under its first card) goes to the next card when the first is unlinked', async () => {
      await link(PATRON.alice, 'U-fam')
      await link(PATRON.carol, 'U-fam')
      await addToCart(db, { patronId: PATRON.alice, titleId: 1 }, NOW)
      await addToCart(db, { patronId: PATRON.alice, titleId: 2 }, NOW)
      // Another card leaving takes nothing: the cart stays the first card's.
      await link(PATRON.bob, 'U-fam')
      await unlinkOne(db, { lineUserId: 'U-fam', patronId: PATRON.bob }, NOW)
      expect(await cartTitleIds(db, PATRON.alice)).toEqual(expect.arrayContaining([1, 2]))
      expect(await cartTitleIds(db, PATRON.bob)).toEqual([])
      // The first card leaving hands it on, and keeps none of the family's picks.
      await unlinkOne(db, { lineUserId: 'U-fam', patronId: PATRON.alice }, NOW)
      expect((await cartTitleIds(db, PATRON.carol)).sort()).toEqual([1, 2])
      expect(await cartTitleIds(db, PATRON.alice)).toEqual([])
      // The last card leaving keeps its own (nobody to hand it to).
      await unlinkOne(db, { lineUserId: 'U-fam', patronId: PATRON.carol }, NOW)
      expect((await cartTitleIds(db, PATRON.carol)).sort()).toEqual([1, 2])
    })

    it('ACC-FAMILY: the first card moved to another LINE account leaves the hold cart with the family, and takes none of its picks', async () => {
      await link(PATRON.alice, 'U-fam')
      await link(PATRON.carol, 'U-fam')
      await addToCart(db, { patronId: PATRON.alice, titleId: 1 }, NOW)
      await addToCart(db, { patronId: PATRON.alice, titleId: 2 }, NOW)
      expect(await link(PATRON.alice, 'U-alice')).toMatchObject({ ok: true })
      expect((await cartTitleIds(db, PATRON.carol)).sort()).toEqual([1, 2])
      expect(await cartTitleIds(db, PATRON.alice)).toEqual([])
      // Linked again to the same account, a first card becomes its last: the cart stays first.
      await link(PATRON.bob, 'U-fam')
      await link(PATRON.carol, 'U-fam')
      expect((await familyOf(db, 'U-fam')).map((m) => m.patronId)).toEqual([
        PATRON.bob,
        PATRON.carol,
      ])
      expect((await cartTitleIds(db, PATRON.bob)).sort()).toEqual([1, 2])
      expect(await cartTitleIds(db, PATRON.carol)).toEqual([])
      // A card alone in its account keeps its own picks wherever it goes.
      await addToCart(db, { patronId: PATRON.alice, titleId: 3 }, NOW)
      await link(PATRON.alice, 'U-alice-2')
      expect(await cartTitleIds(db, PATRON.alice)).toEqual([3])
    })

    it('ACC-FAMILY: the account’s language applies to every card it links', async () => {
      await link(PATRON.alice, 'U-fam')
      await link(PATRON.carol, 'U-fam')
      expect(await setFamilyLanguage(db, { lineUserId: 'U-fam', language: 'en' })).toBe(true)
      expect((await familyOf(db, 'U-fam')).map((m) => m.language)).toEqual(['en', 'en'])
    })
  })
}
