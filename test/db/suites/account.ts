/** Patron accounts (ACC-*) and LINE links (LINE-LINK). */
import { eq, sql } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { DAY_MS, jstDate, HIRAKATA_POLICY as policy } from '../../../core/index.ts'
import { checkOut } from '../../../db/circulation.ts'
import type { Db } from '../../../db/client.ts'
import {
  createLinkNonce,
  findLinkByLineUser,
  linkByNonce,
  setFollowed,
  unlink,
} from '../../../db/links.ts'
import { beginAttempt } from '../../../db/lockout.ts'
import { verifyPassword } from '../../../db/password.ts'
import { changeEmail, findPatronByNumber, resetPassword, signIn } from '../../../db/patrons.ts'
import { linkNonces, patrons } from '../../../db/schema.ts'
import { webhookDays } from '../../../db/stats/webhook-days.ts'
import { recordWebhookDelivery } from '../../../db/webhook-delivery.ts'
import type { OpenDb } from '../drivers.ts'
import { NOW, PASSWORD, PATRON } from '../fixture.ts'

/** How many times bunko has recorded this webhook event id as handled (0 or 1). */
async function seenEvents(db: Db, eventId: string): Promise<number> {
  const [row] = await db.all<{ n: number }>(
    sql`SELECT count(*) AS n FROM webhook_events WHERE event_id = ${eventId}`,
  )
  return row?.n ?? 0
}

export function accountSuite(open: OpenDb) {
  describe('patron accounts', () => {
    let db: Db
    beforeEach(async () => {
      db = await open()
    })
    const sign = (number: string, password: string, at = NOW) =>
      signIn(db, { number, password }, at, policy)

    it('finds a patron by number, typed full-width or with spaces', async () => {
      expect(await findPatronByNumber(db, '１０００ ００１')).toMatchObject({ id: PATRON.alice })
      expect(await findPatronByNumber(db, '999')).toBeNull()
    })

    it('ACC-SECRET: right password signs in; wrong number and wrong password answer alike', async () => {
      expect(await sign('1000001', PASSWORD)).toMatchObject({ ok: true, value: { id: 1 } })
      const wrongPw = await sign('1000001', 'nope-123')
      const wrongNo = await sign('9999999', PASSWORD)
      expect(wrongPw).toMatchObject({ ok: false, reason: 'wrong_credentials' })
      expect(wrongNo).toEqual(wrongPw)
    })

    it('ACC-SECRET: five failures lock the number for 15 minutes, and the lock is said', async () => {
      for (let i = 0; i < 5; i++) await sign('1000002', `bad-${i}`, NOW + i * 1000)
      const locked = await sign('1000002', PASSWORD, NOW + 10_000)
      expect(locked).toMatchObject({ ok: false, reason: 'locked' })
      if (!locked.ok) expect(locked.message.ja).toContain('ロック')
      expect(await sign('1000002', PASSWORD, NOW + 16 * 60_000)).toMatchObject({ ok: true })
    })

    it('ACC-SECRET: guesses still being checked hold the limit but say to wait, not that the number is locked', async () => {
      // Five guesses the library's system has not answered yet (front mode, a hanging system).
      const pending = []
      for (let i = 0; i < 5; i++) {
        const a = await beginAttempt(db, 'patron:1000002', NOW + i * 1000, policy)
        if (!a.ok) throw new Error('the first five guesses are let through')
        pending.push(a.value)
      }
      const sixth = await beginAttempt(db, 'patron:1000002', NOW + 6000, policy)
      expect(sixth).toMatchObject({ ok: false, reason: 'locked' })
      if (!sixth.ok) {
        expect(sixth.message.ja).toContain('先ほどの入力を確認しています')
        expect(sixth.message.ja).not.toContain('ロックされています')
      }
      // The system did not answer: withdrawn, they count for nothing.
      for (const a of pending) await a.withdraw()
      expect(await sign('1000002', PASSWORD, NOW + 7000)).toMatchObject({ ok: true })
    })

    it('ACC-SECRET: guesses checked and wrong make the lock, said as a lock', async () => {
      for (let i = 0; i < 5; i++) {
        const a = await beginAttempt(db, 'patron:1000002', NOW + i * 1000, policy)
        if (!a.ok) throw new Error('the first five guesses are let through')
        await a.value.settle(false)
      }
      const sixth = await beginAttempt(db, 'patron:1000002', NOW + 6000, policy)
      expect(sixth).toMatchObject({ ok: false, reason: 'locked' })
      if (!sixth.ok) expect(sixth.message.ja).toContain('ロックされています')
    })

    it('ACC-SECRET: 20 guesses at the same instant check at most 5 passwords, then the lock holds', async () => {
      const guesses = await Promise.all(
        Array.from({ length: 20 }, (_, i) => sign('1000002', `guess-${i}`, NOW)),
      )
      expect(guesses.every((g) => !g.ok)).toBe(true)
      const wrong = guesses.filter((g) => !g.ok && g.reason === 'wrong_credentials')
      expect(wrong.length).toBeLessThanOrEqual(5)
      expect(guesses.filter((g) => !g.ok && g.reason === 'locked').length).toBe(20 - wrong.length)
      expect(await sign('1000002', PASSWORD, NOW + 1000)).toMatchObject({ reason: 'locked' })
    })

    const from = (
      address: string,
      number: string,
      password: string,
      at = NOW,
      lineUserId?: string,
    ) => signIn(db, { number, password, client: { address, lineUserId } }, at, policy)

    it('ACC-SECRET: one address’s failures lock the number for that address only; the patron elsewhere signs in', async () => {
      for (let i = 0; i < 5; i++) await from('203.0.113.9', '1000002', `bad-${i}`, NOW + i)
      expect(await from('203.0.113.9', '1000002', PASSWORD, NOW + 10)).toMatchObject({
        reason: 'locked',
      })
      expect(await from('198.51.100.7', '1000002', PASSWORD, NOW + 20)).toMatchObject({ ok: true })
    })

    it('ACC-SECRET: one address guessing all hour long never locks the number for anyone else', async () => {
      // Four bursts of five, each as soon as its own lock ends: 20 failures in 45 minutes.
      for (let burst = 0; burst < 4; burst++)
        for (let i = 0; i < 5; i++)
          await from('203.0.113.9', '1000002', `bad-${burst}-${i}`, NOW + burst * 15 * 60_000 + i)
      const at = NOW + 46 * 60_000
      expect(await from('198.51.100.7', '1000002', PASSWORD, at)).toMatchObject({ ok: true })
    })

    it('ACC-SECRET: failures from many addresses lock the number for all but its linked LINE account', async () => {
      const { maxFailures } = policy.numberLockout
      for (let i = 0; i < maxFailures; i++)
        await from(`203.0.113.${i}`, '1000002', `bad-${i}`, NOW + i * 1000)
      const stranger = await from('198.51.100.7', '1000002', PASSWORD, NOW + 60_000)
      expect(stranger).toMatchObject({ reason: 'locked' })
      const otherLine = await from('198.51.100.8', '1000002', PASSWORD, NOW + 60_000, 'U-eve')
      expect(otherLine).toMatchObject({ reason: 'locked' })
      // The link page opened from the number's own LINE account (bob is linked to U-bob).
      const owner = await from('198.51.100.7', '1000002', PASSWORD, NOW + 60_000, 'U-bob')
      expect(owner).toMatchObject({ ok: true })
    })

    it('ACC-SECRET: at most numberLockout.maxFailures guesses per number per hour from any number of addresses (race)', async () => {
      const guesses = await Promise.all(
        Array.from({ length: 60 }, (_, i) => from(`192.0.2.${i}`, '1000003', `guess-${i}`, NOW)),
      )
      const checked = guesses.filter((g) => !g.ok && g.reason === 'wrong_credentials')
      expect(checked.length).toBeLessThanOrEqual(policy.numberLockout.maxFailures)
    })

    it('ACC-SECRET: the 4th wrong password says one try remains before the lock; the 3rd does not', async () => {
      const answers: Awaited<ReturnType<typeof sign>>[] = []
      for (let i = 0; i < 4; i++) answers.push(await sign('1000002', `bad-${i}`, NOW + i))
      const said = (d: (typeof answers)[number]) => (d.ok ? '' : d.message.ja)
      expect(said(answers[2]!)).not.toContain('あと')
      expect(said(answers[3]!)).toContain('あと1回間違えると')
      expect(said(answers[3]!)).toContain('15分間ロック')
      // ACC-SECRET: an unknown number is warned alike.
      for (let i = 0; i < 3; i++) await sign('9999999', `x-${i}`, NOW + i)
      expect(said(await sign('9999999', 'x-3', NOW + 3))).toContain('あと1回間違えると')
    })

    it('ACC-PASSWORD, ACC-EXPIRED, ACC-ELIGIBLE: typed refusals at sign-in', async () => {
      // ACC-SECRET over ACC-PASSWORD: no password answers like a wrong one, pointing to registration.
      expect(await sign('1000007', 'anything1')).toMatchObject({ reason: 'wrong_credentials' })
      expect(await sign('1000006', PASSWORD)).toMatchObject({ reason: 'expired' })
      expect(await sign('1000004', PASSWORD)).toMatchObject({ reason: 'wide_area' })
    })

    it('ACC-BLOCK-OVERDUE: a patron over 60 days late cannot sign in', async () => {
      await checkOut(
        db,
        { patronId: PATRON.blocked, barcode: 'B21', placeId: 1 },
        NOW - 80 * DAY_MS,
        policy,
      )
      expect(await sign('1000005', PASSWORD)).toMatchObject({ reason: 'blocked' })
    })

    it('ACC-RESET: number + name + phone on record set a new password', async () => {
      const input = {
        number: '1000007',
        name: '渡辺　未登録',
        phone: '０７２-０００-０００７',
        password: 'atarashii9',
      }
      expect(await resetPassword(db, input, NOW, policy)).toMatchObject({ ok: true })
      const [row] = await db.orm.select().from(patrons).where(eq(patrons.id, PATRON.nopass))
      expect(await verifyPassword('atarashii9', row!.passwordHash)).toBe(true)
      expect(await sign('1000007', 'atarashii9')).toMatchObject({ ok: true })
    })

    it('ACC-RESET: a wrong phone is refused without saying which field, and nothing changes', async () => {
      const input = {
        number: '1000007',
        name: '渡辺 未登録',
        phone: '072-999-9999',
        password: 'atarashii9',
      }
      const r = await resetPassword(db, input, NOW, policy)
      expect(r).toMatchObject({ ok: false, reason: 'identity_mismatch' })
      const [row] = await db.orm.select().from(patrons).where(eq(patrons.id, PATRON.nopass))
      expect(row?.passwordHash).toBeNull()
      const weak = { ...input, phone: '072-000-0007', password: 'short' }
      expect(await resetPassword(db, weak, NOW, policy)).toMatchObject({ reason: 'too_short' })
    })

    it('changes e-mail, which then needs confirming', async () => {
      const r = await changeEmail(db, { patronId: PATRON.alice, email: 'new@example.jp' })
      expect(r).toMatchObject({
        ok: true,
        value: { email: 'new@example.jp', emailConfirmed: false },
      })
      expect(
        await changeEmail(db, { patronId: PATRON.alice, email: 'not-an-address' }),
      ).toMatchObject({
        reason: 'invalid_input',
      })
    })
  })

  describe('LINE links', () => {
    let db: Db
    beforeEach(async () => {
      db = await open()
    })
    const nonceFor = async (patronId: number, at = NOW) => {
      const r = await createLinkNonce(db, { patronId }, at, policy)
      if (!r.ok) throw new Error(r.reason)
      return r.value.nonce
    }

    it('LINE-LINK: a nonce of at least 128 bits is stored only as its hash', async () => {
      const nonce = await nonceFor(PATRON.alice)
      expect(nonce.length).toBeGreaterThanOrEqual(22)
      const rows = await db.orm.select().from(linkNonces)
      expect(rows[0]?.nonceHash).not.toContain(nonce)
      expect(rows[0]?.nonceHash).toMatch(/^[0-9a-f]{64}$/)
    })

    it('LINE-LINK: links once; a reused or expired nonce is refused', async () => {
      const nonce = await nonceFor(PATRON.alice)
      expect(await linkByNonce(db, { nonce, lineUserId: 'U-alice' }, NOW, policy)).toMatchObject({
        ok: true,
        value: { patronId: PATRON.alice },
      })
      expect(await linkByNonce(db, { nonce, lineUserId: 'U-alice' }, NOW, policy)).toMatchObject({
        reason: 'bad_nonce',
      })
      const old = await nonceFor(PATRON.dave)
      const late = NOW + 11 * 60_000
      expect(
        await linkByNonce(db, { nonce: old, lineUserId: 'U-dave' }, late, policy),
      ).toMatchObject({ reason: 'bad_nonce' })
    })

    it('LINE-LINK: one nonce spent by two events at once links once', async () => {
      const nonce = await nonceFor(PATRON.alice)
      const both = await Promise.all([
        linkByNonce(db, { nonce, lineUserId: 'U-alice' }, NOW, policy),
        linkByNonce(db, { nonce, lineUserId: 'U-alice' }, NOW, policy),
      ])
      expect(both.filter((r) => r.ok)).toHaveLength(1)
    })

    it('LINE-LINK: a patron links to one LINE user; linking it elsewhere replaces that link', async () => {
      const r = await linkByNonce(
        db,
        { nonce: await nonceFor(PATRON.alice), lineUserId: 'U-bob' },
        NOW,
        policy,
      )
      // ACC-FAMILY: U-bob keeps bob and adds alice; nothing was taken from anyone.
      expect(r).toMatchObject({ ok: true, value: { replaced: [] } })
      expect(await findLinkByLineUser(db, 'U-bob')).toMatchObject({ patronId: PATRON.bob })
      const moved = await linkByNonce(
        db,
        { nonce: await nonceFor(PATRON.alice), lineUserId: 'U-new' },
        NOW,
        policy,
      )
      expect(moved).toMatchObject({
        ok: true,
        value: { replaced: [{ patronId: PATRON.alice, lineUserId: 'U-bob' }] },
      })
      expect(await findLinkByLineUser(db, 'U-bob')).toMatchObject({ patronId: PATRON.bob })
      expect(await findLinkByLineUser(db, 'U-new')).toMatchObject({ patronId: PATRON.alice })
    })

    it('ACC-ELIGIBLE: a wide-area patron cannot link LINE', async () => {
      const r = await linkByNonce(
        db,
        { nonce: await nonceFor(PATRON.wide), lineUserId: 'U-w' },
        NOW,
        policy,
      )
      expect(r).toMatchObject({ ok: false, reason: 'wide_area' })
      expect(await findLinkByLineUser(db, 'U-w')).toBeNull()
    })

    it('unfollow marks the link unreachable; unlink removes it', async () => {
      expect(await setFollowed(db, { lineUserId: 'U-bob', followed: false }, NOW)).toBe(true)
      expect(await findLinkByLineUser(db, 'U-bob')).toMatchObject({
        followed: false,
        unfollowedAt: NOW,
      })
      expect(await unlink(db, 'U-bob', NOW)).toBe(PATRON.bob)
      expect(await unlink(db, 'U-bob', NOW)).toBeNull()
    })

    it('LINE-WEBHOOK: one write counts the request and gives back only first-seen event ids', async () => {
      const day = jstDate(NOW)
      const first = await recordWebhookDelivery(db, {
        at: NOW,
        events: 3,
        ms: 40,
        eventIds: ['ev-a', 'ev-b', 'ev-a'],
      })
      expect([...first].sort()).toEqual(['ev-a', 'ev-b'])
      // A redelivery of ev-b with a new event, and a request with nothing bunko handles.
      const again = await recordWebhookDelivery(db, {
        at: NOW + 1,
        events: 2,
        ms: 2500,
        eventIds: ['ev-b', 'ev-c', 'x'.repeat(129)],
      })
      expect([...again]).toEqual(['ev-c'])
      expect(await recordWebhookDelivery(db, { at: NOW, events: 1, ms: 5, eventIds: [] })).toEqual(
        new Set(),
      )
      expect(await webhookDays(db, day, day)).toEqual([
        { day, requests: 3, events: 6, requestsFast: 2, eventsFast: 4 },
      ])
    })

    it('LINE-WEBHOOK: two racing deliveries of one event: one of them handles it, both are counted', async () => {
      const day = jstDate(NOW)
      const delivery = { at: NOW, events: 1, ms: 10, eventIds: ['ev-race'] }
      const both = await Promise.all([
        recordWebhookDelivery(db, delivery),
        recordWebhookDelivery(db, delivery),
      ])
      expect(both.map((ids) => ids.has('ev-race')).filter(Boolean)).toHaveLength(1)
      expect(await seenEvents(db, 'ev-race')).toBe(1)
      expect((await webhookDays(db, day, day))[0]).toMatchObject({ requests: 2, events: 2 })
    })

    it('LINE-WEBHOOK: deliveries arriving together are written together (SQLite), each answered for itself; a failing one costs only itself', async () => {
      const day = jstDate(NOW)
      let batches = 0
      const counting: Db = {
        ...db,
        orm: db.orm,
        driver: db.driver,
        batch: (statements) => {
          batches++
          return db.batch(statements)
        },
      }
      const results = await Promise.allSettled([
        recordWebhookDelivery(counting, { at: NOW, events: 2, ms: 10, eventIds: ['g-1', 'g-2'] }),
        recordWebhookDelivery(counting, { at: NOW, events: 1, ms: 10, eventIds: ['g-2', 'g-3'] }),
        recordWebhookDelivery(counting, { at: NOW, events: 1, ms: 3000, eventIds: [] }),
      ])
      expect(results).toEqual([
        { status: 'fulfilled', value: new Set(['g-1', 'g-2']) },
        { status: 'fulfilled', value: new Set(['g-3']) },
        { status: 'fulfilled', value: new Set() },
      ])
      expect(batches).toBe(db.driver === 'sqlite' ? 1 : 3)
      // A delivery whose statements cannot be built (no valid time) fails alone.
      const mixed = await Promise.allSettled([
        recordWebhookDelivery(counting, { at: NOW, events: 1, ms: 10, eventIds: ['g-4'] }),
        recordWebhookDelivery(counting, { at: Number.NaN, events: 1, ms: 10, eventIds: ['g-5'] }),
        recordWebhookDelivery(counting, { at: NOW, events: 1, ms: 10, eventIds: ['g-4', 'g-6'] }),
      ])
      expect(mixed.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
      expect(mixed[0]).toEqual({ status: 'fulfilled', value: new Set(['g-4']) })
      expect(mixed[2]).toEqual({ status: 'fulfilled', value: new Set(['g-6']) })
      expect(await seenEvents(db, 'g-5')).toBe(0)
      expect(await webhookDays(db, day, day)).toEqual([
        { day, requests: 5, events: 6, requestsFast: 4, eventsFast: 5 },
      ])
    })
  })
}
