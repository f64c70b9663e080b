/**
 * The SIP2 adapter (front mode) through a proxy that adds faults: reads retried, writes never
 * doubled (the server's own loans and holds are checked), damaged answers asked for again
 * (97), timeouts, a refused login, outages and recovery, strict and lenient checksums, and
 * Shift_JIS end to end.
 */
import { and, eq, inArray, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listenSip2 } from '../../bot/sip2/server/listen.ts'
import { decodeShiftJis } from '../../bot/sip2/shift-jis.ts'
import type { LibrarySystem, LoanSummary } from '../../core/index.ts'
import { holds, titles } from '../../db/schema.ts'
import {
  closeFrontRig,
  type Front,
  freeTitleId,
  freeTitleIds,
  freshLoan,
  serverLoan,
  startFront,
  startFrontRig,
  value,
} from './front.ts'
import { HANAKO, type Sip2Test } from './harness.ts'

let t: Sip2Test
let fr: Front
let embedded: LibrarySystem
let hanakoId: number
const now = () => t.b.clock.now()
/** Real time passing: the pool's cool-off after a hang is one timeout of the wall clock. */
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

beforeAll(async () => {
  ;({ t, fr, embedded, hanakoId } = await startFrontRig())
})
afterAll(() => closeFrontRig({ t, fr }))

describe('SIP2 adapter: faults between bunko and the ILS', () => {
  it('retries a read whose answer was lost, on a fresh connection', async () => {
    const before = fr.proxy.count('63')
    fr.proxy.fail('63', 'drop-answer')
    fr.proxy.fail('17', 'drop-request')
    const listed = await fr.library.loans(hanakoId, now())
    expect(listed.ok).toBe(true)
    expect(fr.proxy.count('63') - before).toBe(3)
  })

  it('asks for a damaged answer again with 97 (corrupted, truncated)', async () => {
    const resends = fr.proxy.count('97')
    fr.proxy.fail('63', 'corrupt')
    fr.proxy.fail('17', 'truncate')
    const ready = fr.proxy.count('63')
    expect((await fr.library.title(await freeTitleId(t))).ok).toBe(true)
    expect((await fr.library.loans(hanakoId, now())).ok).toBe(true)
    expect(fr.proxy.count('97') - resends).toBe(2)
    expect(fr.proxy.count('63') - ready).toBe(2)
  })

  it('never sends a renewal twice: a lost answer is library_unavailable, renewed once', async () => {
    const loan = await freshLoan(t)
    const before = await serverLoan(t, loan.barcode)
    const sent = fr.proxy.count('29')
    fr.proxy.fail('29', 'drop-answer')
    const lost = await fr.library.renew({ patronId: hanakoId, loanId: loan.loanId }, now())
    expect(lost).toMatchObject({ ok: false, reason: 'library_unavailable' })
    expect(fr.proxy.count('29') - sent).toBe(1)
    expect((await serverLoan(t, loan.barcode)).renewals).toBe(before.renewals + 1)
  })

  it('a renewal dropped before it reached the ILS is not renewed, and not resent', async () => {
    const loan = await freshLoan(t)
    const before = await serverLoan(t, loan.barcode)
    const sent = fr.proxy.count('29')
    fr.proxy.fail('29', 'drop-request')
    const lost = await fr.library.renew({ patronId: hanakoId, loanId: loan.loanId }, now())
    expect(lost).toMatchObject({ ok: false, reason: 'library_unavailable' })
    expect(fr.proxy.count('29') - sent).toBe(1)
    expect((await serverLoan(t, loan.barcode)).renewals).toBe(before.renewals)
  })

  it('a corrupted renewal answer is asked for again (97), not renewed again', async () => {
    const loan = await freshLoan(t)
    const before = await serverLoan(t, loan.barcode)
    fr.proxy.fail('29', 'corrupt')
    const done = await fr.library.renew({ patronId: hanakoId, loanId: loan.loanId }, now())
    expect(done.ok).toBe(true)
    expect((await serverLoan(t, loan.barcode)).renewals).toBe(before.renewals + 1)
  })

  it('never places a hold twice: a lost answer is library_unavailable, one hold on the server', async () => {
    const titleId = await freeTitleId(t)
    const [place] = value(await fr.library.places())
    fr.proxy.fail('15', 'drop-answer')
    const lost = await fr.library.placeHolds(
      { patronId: hanakoId, titleIds: [titleId], pickupPlaceId: place!.id },
      now(),
    )
    expect(lost).toMatchObject({ ok: false, reason: 'library_unavailable' })
    const rows = await t.b.db.orm
      .select()
      .from(holds)
      .where(and(eq(holds.patronId, hanakoId), eq(holds.titleId, titleId)))
    expect(rows).toHaveLength(1)
  })

  it('a cart stopped part-way by an outage is sent again as it is: the rest is placed, nothing twice', async () => {
    const titleIds = await freeTitleIds(t, 3)
    const [place] = value(await fr.library.places())
    const cart = { patronId: hanakoId, titleIds, pickupPlaceId: place!.id }
    const onServer = () =>
      t.b.db.orm
        .select({ titleId: holds.titleId })
        .from(holds)
        .where(
          and(
            eq(holds.patronId, hanakoId),
            inArray(holds.titleId, titleIds),
            eq(holds.state, 'waiting'),
          ),
        )
    // The ILS places the first title, then stops answering.
    fr.proxy.fail('15', 'down-after')
    try {
      expect(await fr.library.placeHolds(cart, now())).toMatchObject({
        reason: 'library_unavailable',
      })
    } finally {
      fr.proxy.up()
    }
    expect(await onServer()).toEqual([{ titleId: titleIds[0] }])
    // Before, the first title was refused as already reserved and the cart never went through.
    const again = await fr.library.placeHolds(cart, now())
    expect(value(again).map((h) => h.titleId)).toEqual(titleIds)
    expect((await onServer()).map((h) => h.titleId).sort()).toEqual([...titleIds].sort())
  })

  it('a cart with another edition of a title held, named alike by the ILS, is still placed', async () => {
    const [older, newer] = await freeTitleIds(t, 2)
    await t.b.db.orm
      .update(titles)
      .set({ title: '同じ名前の本' })
      .where(inArray(titles.id, [older!, newer!]))
    const [place] = value(await fr.library.places())
    const cart = (titleId: number) => ({
      patronId: hanakoId,
      titleIds: [titleId],
      pickupPlaceId: place!.id,
    })
    value(await fr.library.placeHolds(cart(newer!), now()))
    const sent = fr.proxy.count('15')
    // The ILS lists her hold by the name both editions have: it does not say the older one is
    // held, so the older one is asked for, not taken as placed.
    value(await fr.library.placeHolds(cart(older!), now()))
    expect(fr.proxy.count('15') - sent).toBe(1)
    const onServer = await t.b.db.orm
      .select({ titleId: holds.titleId })
      .from(holds)
      .where(and(eq(holds.patronId, hanakoId), inArray(holds.titleId, [older!, newer!])))
    expect(onServer.map((h) => h.titleId).sort((a, b) => a - b)).toEqual([older, newer])
  })

  it('an outage is library_unavailable and /healthz unreachable; it recovers by itself', async () => {
    fr.proxy.down()
    expect(await fr.library.loans(hanakoId, now())).toMatchObject({
      ok: false,
      reason: 'library_unavailable',
    })
    expect(await fr.library.health?.()).toEqual({ ils: 'unreachable' })
    const attempts = () => t.b.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM login_attempts`)
    const before = await attempts()
    const signIn = { number: HANAKO.number, password: HANAKO.password }
    expect(await fr.library.authenticate(signIn, now())).toMatchObject({
      reason: 'library_unavailable',
    })
    // The password was never checked: the guess is not counted towards the lockout.
    expect(await attempts()).toEqual(before)
    fr.proxy.up()
    expect((await fr.library.loans(hanakoId, now())).ok).toBe(true)
    expect(await fr.library.health?.()).toEqual({ ils: 'ok' })
  })

  it('a slow ILS: a read on a kept connection that times out is tried once more on a fresh one, then library_unavailable', async () => {
    const slow = await startFront(t, { timeoutMs: 300 })
    try {
      expect((await slow.library.patron(hanakoId)).ok).toBe(true)
      const before = { patron: slow.proxy.count('63'), login: slow.proxy.count('93') }
      slow.proxy.latencyMs = 800
      expect(await slow.library.patron(hanakoId)).toMatchObject({ reason: 'library_unavailable' })
      // The 63 times out on the kept connection (a firewall may have dropped it while idle);
      // the fresh connection's login times out too, and a system that does not answer a new
      // connection will not answer the next one: no third try.
      expect(slow.proxy.count('63') - before.patron).toBe(1)
      expect(slow.proxy.count('93') - before.login).toBe(1)
      // Twelve patrons right after: for one timeout the pool sends the hanging system nothing
      // (no login, no 63) and each is told at once, instead of waiting out a timeout again
      // (a review measured 35–50 s each before requests waited for one another).
      const during = { patron: slow.proxy.count('63'), login: slow.proxy.count('93') }
      const told = await Promise.all(
        Array.from({ length: 12 }, () => slow.library.patron(hanakoId)),
      )
      expect(told.every((a) => !a.ok && a.reason === 'library_unavailable')).toBe(true)
      expect(slow.proxy.count('93') - during.login).toBe(0)
      expect(slow.proxy.count('63') - during.patron).toBe(0)
      // After that, still hanging: one request finds out again, the others wait for it and
      // fail with it.
      await pause(300)
      const later = { patron: slow.proxy.count('63'), login: slow.proxy.count('93') }
      const answers = await Promise.all(
        Array.from({ length: 12 }, () => slow.library.patron(hanakoId)),
      )
      expect(answers.every((a) => !a.ok && a.reason === 'library_unavailable')).toBe(true)
      expect(slow.proxy.count('93') - later.login).toBe(1)
      expect(slow.proxy.count('63') - later.patron).toBe(0)
      // Once it answers again, so does bunko: the first request after the cool-off finds it back.
      slow.proxy.latencyMs = 0
      await pause(300)
      expect((await slow.library.patron(hanakoId)).ok).toBe(true)
      expect(await slow.library.health?.()).toEqual({ ils: 'ok' })
    } finally {
      await slow.close()
    }
  })

  it('a slow ILS at start: twelve patrons at once send one login between them, not twelve', async () => {
    const cold = await startFront(t, { timeoutMs: 300 })
    try {
      cold.proxy.latencyMs = 800
      const answers = await Promise.all(
        Array.from({ length: 12 }, () => cold.library.patron(hanakoId)),
      )
      expect(answers.every((a) => !a.ok && a.reason === 'library_unavailable')).toBe(true)
      expect(cold.proxy.count('93')).toBe(1)
      expect(cold.proxy.count('63')).toBe(0)
    } finally {
      await cold.close()
    }
  })

  it('a slow ILS with several kept connections: one read meets one of them, then a fresh one', async () => {
    const kept = await startFront(t, { timeoutMs: 300 })
    try {
      // Four connections kept from four patrons at once.
      const warm = await Promise.all(Array.from({ length: 4 }, () => kept.library.patron(hanakoId)))
      expect(warm.every((a) => a.ok)).toBe(true)
      const before = { patron: kept.proxy.count('63'), login: kept.proxy.count('93') }
      kept.proxy.latencyMs = 800
      expect(await kept.library.patron(hanakoId)).toMatchObject({ reason: 'library_unavailable' })
      // Not the next kept connection after the first timed out (each would wait its timeout).
      expect(kept.proxy.count('63') - before.patron).toBe(1)
      expect(kept.proxy.count('93') - before.login).toBe(1)
    } finally {
      await kept.close()
    }
  })

  it('ACC-SECRET: sign-ins sent again and again while the ILS hangs are never told the number is locked', async () => {
    const slow = await startFront(t, { timeoutMs: 300 })
    try {
      const signIn = { number: HANAKO.number, password: HANAKO.password }
      expect((await slow.library.authenticate(signIn, now())).ok).toBe(true)
      slow.proxy.latencyMs = 800
      const answers = await Promise.all(
        Array.from({ length: 6 }, () => slow.library.authenticate(signIn, now())),
      )
      expect(answers.every((a) => !a.ok)).toBe(true)
      for (const a of answers)
        if (!a.ok && a.reason === 'locked') expect(a.message.ja).not.toContain('ロックされています')
      // Nothing was checked, so nothing counts: once the ILS answers, she signs in (after the
      // pool's cool-off of one timeout).
      slow.proxy.latencyMs = 0
      await pause(300)
      expect((await slow.library.authenticate(signIn, now())).ok).toBe(true)
    } finally {
      await slow.close()
    }
  })

  it('a refused SIP2 login is library_unavailable, tried once per request', async () => {
    const refused = await startFront(t, { password: 'not-the-kiosk-password' })
    try {
      const answer = await refused.library.loans(hanakoId, now())
      expect(answer).toMatchObject({ ok: false, reason: 'library_unavailable' })
      expect(refused.proxy.count('93')).toBe(1)
      expect(refused.proxy.count('63')).toBe(0)
      expect(await refused.library.health?.()).toEqual({ ils: 'unreachable' })
    } finally {
      await refused.close()
    }
  })

  it('a server answering with wrong checksums: refused when strict, accepted when lenient', async () => {
    fr.proxy.wrongChecksums = true
    try {
      expect(await fr.library.loans(hanakoId, now())).toMatchObject({
        reason: 'library_unavailable',
      })
    } finally {
      fr.proxy.wrongChecksums = false
    }
    const lenient = await startFront(t, { checksum: 'lenient' })
    try {
      lenient.proxy.wrongChecksums = true
      const signed = await lenient.library.authenticate(
        { number: HANAKO.number, password: HANAKO.password },
        now(),
      )
      expect(signed).toMatchObject({ ok: true, value: { name: HANAKO.name } })
      expect((await lenient.library.loans(hanakoId, now())).ok).toBe(true)
    } finally {
      await lenient.close()
    }
  })
})

describe('SIP2 adapter: Shift_JIS end to end', () => {
  it('signs in, lists Japanese titles and reserves a title with 〜, é and 𠮷 on a Shift_JIS server', async () => {
    const sjis = await listenSip2(
      {
        db: t.b.db,
        policy: t.b.config.policy,
        log: t.b.log,
        now: () => t.b.clock.now(),
        wallNow: () => t.b.clock.now(),
      },
      { port: 0, charset: 'shift_jis' },
    )
    const front = await startFront(t, { port: sjis.port, charset: 'shift_jis' })
    try {
      const signed = await front.library.authenticate(
        { number: HANAKO.number, password: HANAKO.password },
        now(),
      )
      expect(signed).toMatchObject({ ok: true, value: { name: HANAKO.name } })
      const mine = value(await front.library.loans(hanakoId, now())) as LoanSummary[]
      const theirs = value(await embedded.loans(hanakoId, now())) as LoanSummary[]
      expect(mine.map((l) => l.title).sort()).toEqual(theirs.map((l) => l.title).sort())
      // A title Shift_JIS carries only as code page 932 does (〜), or not at all (é, 𠮷): the
      // hold is placed all the same (it was an outage before), its title fitted to the charset.
      const titleId = await freeTitleId(t)
      await t.b.db.orm
        .update(titles)
        .set({ title: '〜増補版〜 Café 𠮷野家の本' })
        .where(eq(titles.id, titleId))
      const places = value(await front.library.places())
      const pickupPlaceId = places.find((p) => p.kind === 'library')!.id
      const placed = await front.library.placeHolds(
        { patronId: hanakoId, titleIds: [titleId], pickupPlaceId },
        now(),
      )
      expect(placed).toMatchObject({ ok: true, value: [{ titleId }] })
      const onServer = await t.b.db.orm
        .select({ state: holds.state })
        .from(holds)
        .where(and(eq(holds.patronId, hanakoId), eq(holds.titleId, titleId)))
      expect(onServer).toEqual([{ state: 'waiting' }])
      const sent = decodeShiftJis(front.proxy.last.get('15')!)
      expect(sent).toContain('|AJ～増補版～ Caf? ?野家の本|')
      /** A free title renamed `name`, held by 花子 through the Shift_JIS front. */
      const heldAs = async (name: string) => {
        const titleId = await freeTitleId(t)
        await t.b.db.orm.update(titles).set({ title: name }).where(eq(titles.id, titleId))
        value(
          await front.library.placeHolds(
            { patronId: hanakoId, titleIds: [titleId], pickupPlaceId },
            now(),
          ),
        )
        return titleId
      }
      // The system lists a 〜 title back as ～ (code page 932): it is still that title's hold,
      // also beside a character with only one form (― U+2015).
      const wave = await heldAs('〜波の音〜')
      const trip = await heldAs('旅〜記録―完')
      const listed = value(await front.library.holds({ patronId: hanakoId }, now()))
      expect(listed.filter((h) => h.titleId === wave).map((h) => h.title)).toEqual(['〜波の音〜'])
      expect(listed.filter((h) => h.titleId === trip).map((h) => h.title)).toEqual(['旅〜記録―完'])
    } finally {
      await front.close()
      await sjis.close()
    }
  })
})
