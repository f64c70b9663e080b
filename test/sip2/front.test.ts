/**
 * The SIP2 adapter (front mode) against bunko's own SIP2 server over real TCP, through a
 * proxy that adds faults: every port operation, then every fault — reads retried, writes
 * never doubled (the server's own loans and holds are checked), outages and recovery,
 * strict and lenient checksums, and Shift_JIS end to end.
 */
import { and, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkoutRequest } from '../../bot/sip2/index.ts'
import { listenSip2 } from '../../bot/sip2/server/listen.ts'
import type { LibrarySystem, LoanSummary } from '../../core/index.ts'
import { embeddedLibrarySystem } from '../../db/library-system.ts'
import { copies, holds, loans, patrons } from '../../db/schema.ts'
import { type Front, startFront } from './front.ts'
import { freeCopies, HANAKO, type Sip2Test, startSip2 } from './harness.ts'

let t: Sip2Test
let fr: Front
let embedded: LibrarySystem
let hanakoId: number
const now = () => t.b.clock.now()

beforeAll(async () => {
  t = await startSip2()
  fr = await startFront(t)
  embedded = embeddedLibrarySystem(t.b.db, t.b.config.policy)
  const [row] = await t.b.db.orm.select().from(patrons).where(eq(patrons.number, HANAKO.number))
  hanakoId = row!.id
})
afterAll(async () => {
  await fr?.close()
  await t?.close()
})

const value = <T>(a: { ok: boolean; value?: T; reason?: string }): T => {
  if (!a.ok) throw new Error(`refused: ${a.reason}`)
  return a.value as T
}

async function serverLoan(barcode: string) {
  const [row] = await t.b.db.orm
    .select({ renewals: loans.renewals, dueDate: loans.dueDate, returnedAt: loans.returnedAt })
    .from(loans)
    .innerJoin(copies, eq(copies.id, loans.copyId))
    .where(eq(copies.barcode, barcode))
  return row!
}

/** A free copy lent to 花子 at the kiosk, three days ago: a loan a renewal gains days on. */
async function freshLoan(): Promise<{ barcode: string; loanId: number }> {
  const [free] = await freeCopies(t.b, 1)
  const kiosk = await t.kiosk()
  await kiosk.request(checkoutRequest(t.who(HANAKO.number), free!.barcode))
  t.b.clock.advance(3 * 24 * 60 * 60 * 1000)
  const [copy] = await t.b.db.orm.select().from(copies).where(eq(copies.barcode, free!.barcode))
  return { barcode: free!.barcode, loanId: copy!.id }
}

async function freeTitleId(): Promise<number> {
  const [free] = await freeCopies(t.b, 1)
  const [copy] = await t.b.db.orm.select().from(copies).where(eq(copies.barcode, free!.barcode))
  return copy!.titleId
}

describe('SIP2 adapter: every port operation over TCP', () => {
  it('authenticates with 63 (BL, CQ) and reads the capabilities from 98', async () => {
    const signed = value(
      await fr.library.authenticate({ number: HANAKO.number, password: HANAKO.password }, now()),
    )
    expect(signed).toMatchObject({ id: hanakoId, number: HANAKO.number, name: HANAKO.name })
    expect(fr.library.capabilities()).toEqual({
      renew: true,
      renewAll: true,
      holds: true,
      cancelHold: true,
      changePickup: true,
      titleHolds: true,
      opacUrl: 'https://opac.example.jp/',
    })
  })

  it('refuses a wrong password or an unknown number alike, and a long-overdue patron as blocked', async () => {
    const wrong = await fr.library.authenticate(
      { number: HANAKO.number, password: 'nope-nope' },
      now(),
    )
    expect(wrong).toMatchObject({ ok: false, reason: 'wrong_credentials' })
    const unknown = await fr.library.authenticate(
      { number: '1999999999', password: 'whatever1' },
      now(),
    )
    expect(unknown).toMatchObject({ ok: false, reason: 'wrong_credentials' })
    const blocked = await fr.library.authenticate(
      { number: '1000000004', password: 'makoto-0004' },
      now(),
    )
    expect(blocked).toMatchObject({ ok: false, reason: 'blocked' })
  })

  it('answers patron and standing from 63', async () => {
    expect(value(await fr.library.patron(hanakoId))).toMatchObject({ name: HANAKO.name })
    const mine = value(await fr.library.standing(hanakoId, now()))
    const theirs = value(await embedded.standing(hanakoId, now()))
    expect(mine.blocked).toBe(false)
    expect(mine.holds.total).toBe(theirs.holds.total)
    expect(value(await fr.library.patron(999_999))).toBeNull()
  })

  it('lists loans from 63 (AU, AT) and 17, named from the catalogue copy', async () => {
    const mine = value(await fr.library.loans(hanakoId, now())) as LoanSummary[]
    const theirs = value(await embedded.loans(hanakoId, now())) as LoanSummary[]
    const pick = (l: LoanSummary[]) =>
      l
        .map((x) => ({
          id: x.id,
          barcode: x.barcode,
          title: x.title,
          dueDate: x.dueDate,
          overdue: x.overdue,
        }))
        .sort((a, b) => a.barcode.localeCompare(b.barcode))
    const byCopy = new Map(
      (await t.b.db.orm.select({ id: copies.id, barcode: copies.barcode }).from(copies)).map(
        (c) => [c.barcode, c.id],
      ),
    )
    expect(pick(mine)).toEqual(pick(theirs.map((l) => ({ ...l, id: byCopy.get(l.barcode)! }))))
    const held = mine.find((l) => l.title === '乾物でつくる作りおき')
    expect(held?.renewal).toMatchObject({ ok: false, reason: 'held' })
  })

  it('renews with 29: the server renews once and the new due date is the server’s', async () => {
    const loan = await freshLoan()
    const before = await serverLoan(loan.barcode)
    const done = value(await fr.library.renew({ patronId: hanakoId, loanId: loan.loanId }, now()))
    const after = await serverLoan(loan.barcode)
    expect(after.renewals).toBe(before.renewals + 1)
    expect(done).toMatchObject({ loanId: loan.loanId, newDueDate: after.dueDate })
    const missing = await fr.library.renew({ patronId: hanakoId, loanId: 123_456_789 }, now())
    expect(missing).toMatchObject({ ok: false, reason: 'unknown_loan' })
  })

  it('says why the ILS refused a renewal, typed when the item shows it, with the phone', async () => {
    const mine = value(await fr.library.loans(hanakoId, now())) as LoanSummary[]
    const held = mine.find((l) => l.title === '乾物でつくる作りおき')!
    const refused = await fr.library.renew({ patronId: hanakoId, loanId: held.id }, now())
    expect(refused).toMatchObject({ ok: false, reason: 'held' })
    if (!refused.ok) expect(refused.message.ja).toMatch(/延長できません.*050-/)
  })

  it('lists holds from 63 (AS, CD) as the catalogue’s titles', async () => {
    const mine = value(await fr.library.holds({ patronId: hanakoId }, now()))
    const theirs = value(await embedded.holds({ patronId: hanakoId }, now()))
    expect(mine.map((h) => h.title).sort()).toEqual(theirs.map((h) => h.title).sort())
    for (const h of mine) expect(h.id).toBe(theirs.find((x) => x.title === h.title)!.titleId)
    expect(mine.find((h) => h.state === 'ready')?.cancel).toMatchObject({
      ok: false,
      reason: 'ready',
    })
  })

  it('places (15 +), moves (15 *) and cancels (15 -) a hold on the server', async () => {
    const titleId = await freeTitleId()
    const places = value(await fr.library.places())
    const [first, second] = places.filter((p) => p.kind === 'library')
    const placed = value(
      await fr.library.placeHolds(
        { patronId: hanakoId, titleIds: [titleId], pickupPlaceId: first!.id },
        now(),
      ),
    )
    expect(placed).toEqual([{ id: titleId, titleId, setGroup: null, volume: null }])
    const onServer = () =>
      t.b.db.orm
        .select()
        .from(holds)
        .where(and(eq(holds.patronId, hanakoId), eq(holds.titleId, titleId)))
    expect((await onServer()).map((h) => [h.state, h.pickupPlaceId])).toEqual([
      ['waiting', first!.id],
    ])
    const moved = await fr.library.changePickup(
      { patronId: hanakoId, holdId: titleId, pickupPlaceId: second!.id },
      now(),
    )
    expect(moved).toEqual({ ok: true, value: { changed: [titleId] } })
    expect((await onServer())[0]?.pickupPlaceId).toBe(second!.id)
    expect(await fr.library.cancelHold({ patronId: hanakoId, holdId: titleId }, now())).toEqual({
      ok: true,
      value: { holdId: titleId },
    })
    expect((await onServer()).map((h) => h.state)).toEqual(['cancelled'])
    const unknown = await fr.library.cancelHold({ patronId: hanakoId, holdId: titleId }, now())
    expect(unknown).toMatchObject({ ok: false, reason: 'unknown_hold' })
  })

  it('answers a title from the catalogue copy with availability from 17', async () => {
    const titleId = await freeTitleId()
    const mine = value(await fr.library.title(titleId))!
    const theirs = value(await embedded.title(titleId))!
    expect(mine.title).toBe(theirs.title)
    const sum = (a: typeof mine.availability, k: 'copies' | 'onShelf') =>
      a.reduce((n, x) => n + x[k], 0)
    expect(sum(mine.availability, 'copies')).toBe(sum(theirs.availability, 'copies'))
    expect(sum(mine.availability, 'onShelf')).toBe(sum(theirs.availability, 'onShelf'))
    expect(value(await fr.library.title(987_654_321))).toBeNull()
  })

  it('answers places from bunko’s places table', async () => {
    expect(value(await fr.library.places())).toEqual(value(await embedded.places()))
  })

  it('renews all with 65: each loan with its own outcome', async () => {
    const loan = await freshLoan()
    const results = value(await fr.library.renewAll(hanakoId, now()))
    const mine = results.find((r) => r.loanId === loan.loanId)
    expect(mine?.result.ok).toBe(true)
    const held = results.find((r) => r.title === '乾物でつくる作りおき')
    expect(held?.result).toMatchObject({ ok: false, reason: 'held' })
  })
})

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
    expect((await fr.library.title(await freeTitleId())).ok).toBe(true)
    expect((await fr.library.loans(hanakoId, now())).ok).toBe(true)
    expect(fr.proxy.count('97') - resends).toBe(2)
    expect(fr.proxy.count('63') - ready).toBe(2)
  })

  it('never sends a renewal twice: a lost answer is library_unavailable, renewed once', async () => {
    const loan = await freshLoan()
    const before = await serverLoan(loan.barcode)
    const sent = fr.proxy.count('29')
    fr.proxy.fail('29', 'drop-answer')
    const lost = await fr.library.renew({ patronId: hanakoId, loanId: loan.loanId }, now())
    expect(lost).toMatchObject({ ok: false, reason: 'library_unavailable' })
    expect(fr.proxy.count('29') - sent).toBe(1)
    expect((await serverLoan(loan.barcode)).renewals).toBe(before.renewals + 1)
  })

  it('a renewal dropped before it reached the ILS is not renewed, and not resent', async () => {
    const loan = await freshLoan()
    const before = await serverLoan(loan.barcode)
    const sent = fr.proxy.count('29')
    fr.proxy.fail('29', 'drop-request')
    const lost = await fr.library.renew({ patronId: hanakoId, loanId: loan.loanId }, now())
    expect(lost).toMatchObject({ ok: false, reason: 'library_unavailable' })
    expect(fr.proxy.count('29') - sent).toBe(1)
    expect((await serverLoan(loan.barcode)).renewals).toBe(before.renewals)
  })

  it('a corrupted renewal answer is asked for again (97), not renewed again', async () => {
    const loan = await freshLoan()
    const before = await serverLoan(loan.barcode)
    fr.proxy.fail('29', 'corrupt')
    const done = await fr.library.renew({ patronId: hanakoId, loanId: loan.loanId }, now())
    expect(done.ok).toBe(true)
    expect((await serverLoan(loan.barcode)).renewals).toBe(before.renewals + 1)
  })

  it('never places a hold twice: a lost answer is library_unavailable, one hold on the server', async () => {
    const titleId = await freeTitleId()
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

  it('a slow ILS: a read waits SIP2_TIMEOUT_MS, is tried three times in all, then library_unavailable', async () => {
    const slow = await startFront(t, { timeoutMs: 300 })
    try {
      expect((await slow.library.patron(hanakoId)).ok).toBe(true)
      const before = { patron: slow.proxy.count('63'), login: slow.proxy.count('93') }
      slow.proxy.latencyMs = 800
      expect(await slow.library.patron(hanakoId)).toMatchObject({ reason: 'library_unavailable' })
      // The 63 times out; each retry opens a new connection, whose login times out in turn.
      expect(slow.proxy.count('63') - before.patron).toBe(1)
      expect(slow.proxy.count('93') - before.login).toBe(2)
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
  it('signs in and lists Japanese titles from a Shift_JIS server', async () => {
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
    } finally {
      await front.close()
      await sjis.close()
    }
  })
})
