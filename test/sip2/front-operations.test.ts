/**
 * The SIP2 adapter (front mode) against bunko's own SIP2 server over real TCP (through the
 * fault proxy, passing everything): every port operation, compared with what the embedded
 * system says of the same database, and the server's own loans and holds after each write.
 */
import { and, eq, inArray, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, jstDate, type LibrarySystem, type LoanSummary } from '../../core/index.ts'
import { copies, holds } from '../../db/schema.ts'
import {
  closeFrontRig,
  type Front,
  freeTitleId,
  freshLoan,
  serverLoan,
  sharedNamePair,
  startFrontRig,
  value,
} from './front.ts'
import { HANAKO, type Sip2Test } from './harness.ts'

let t: Sip2Test
let fr: Front
let embedded: LibrarySystem
let hanakoId: number
const now = () => t.b.clock.now()

beforeAll(async () => {
  ;({ t, fr, embedded, hanakoId } = await startFrontRig())
})
afterAll(() => closeFrontRig({ t, fr }))

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
      // No SIP2 message suspends a hold. Due-soon reminders need 63 and 17; expiry notices
      // need the expiry date, which bunko's server sends (PA) and the 63 above carried.
      suspendHolds: false,
      passwords: false,
      reminders: true,
      expiryNotices: true,
      // ILS_EMAIL_NOTICES unset: an e-mail the ILS may not send is not counted.
      emailNotices: false,
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
    // RENEW-NO-GAIN: a quote is the policy's reckoning; the ILS sets the date (and its own cap).
    const offered = mine.filter((l) => l.renewal.ok)
    expect(offered.length).toBeGreaterThan(0)
    for (const l of offered)
      expect(l.renewal).toMatchObject({ ok: true, value: { estimated: true } })
  })

  it('renews with 29: the server renews once and the new due date is the server’s', async () => {
    const loan = await freshLoan(t)
    const before = await serverLoan(t, loan.barcode)
    const done = value(await fr.library.renew({ patronId: hanakoId, loanId: loan.loanId }, now()))
    const after = await serverLoan(t, loan.barcode)
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
    // By its title's id, unless another title has the same name (SIP2 names the hold by name).
    const named = await t.b.db.all<{ title: string; n: number }>(
      sql`SELECT title, count(*) AS n FROM titles GROUP BY title`,
    )
    const shared = new Set(named.filter((r) => r.n > 1).map((r) => r.title))
    // A shared name keeps its first title's id as the hold's (notices sent under it stay sent)
    // but claims no title: its title id is one of its own.
    for (const h of mine) {
      const titleId = theirs.find((x) => x.title === h.title)!.titleId
      if (shared.has(h.title)) expect(h.titleId).toBeGreaterThan(2 ** 40)
      else expect([h.id, h.titleId]).toEqual([titleId, titleId])
    }
    expect(mine.some((h) => !shared.has(h.title))).toBe(true)
    expect(mine.find((h) => h.state === 'ready')?.cancel).toMatchObject({
      ok: false,
      reason: 'ready',
    })
  })

  it('places (15 +), moves (15 *) and cancels (15 -) a hold on the server', async () => {
    const titleId = await freeTitleId(t)
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

  it('a hold on a title whose name another title shares: listed by the name alone, moved and cancelled on the ILS', async () => {
    // The later of two titles of one name, with a copy on the shelf and no hold of hers.
    const pair = await sharedNamePair(t.b.db)
    const [first, second] = value(await fr.library.places()).filter((p) => p.kind === 'library')
    value(
      await fr.library.placeHolds(
        { patronId: hanakoId, titleIds: [pair.other], pickupPlaceId: first!.id },
        now(),
      ),
    )
    const listed = value(await fr.library.holds({ patronId: hanakoId }, now()))
    const mine = listed.filter((h) => h.title === pair.name)
    expect(mine).toHaveLength(1)
    // Neither title is claimed: a title id of its own, no author. The hold keeps the id it had
    // before (its first title's), so its ready notice's key does not change on upgrading.
    expect(mine[0]!.titleId).toBeGreaterThan(2 ** 40)
    expect(mine[0]!.id).toBe(pair.first)
    expect(mine[0]!.author).toBe('')
    const onServer = () =>
      t.b.db.orm
        .select()
        .from(holds)
        .where(and(eq(holds.patronId, hanakoId), eq(holds.titleId, pair.other)))
    const moved = await fr.library.changePickup(
      { patronId: hanakoId, holdId: mine[0]!.id, pickupPlaceId: second!.id },
      now(),
    )
    expect(moved.ok).toBe(true)
    expect((await onServer())[0]?.pickupPlaceId).toBe(second!.id)
    const cancelled = await fr.library.cancelHold(
      { patronId: hanakoId, holdId: mine[0]!.id },
      now(),
    )
    expect(cancelled.ok).toBe(true)
    expect((await onServer()).map((h) => h.state)).toEqual(['cancelled'])
  })

  it('two holds of one shared name: neither is cancelled from LINE, as asking with the wrong copy could cancel the other', async () => {
    const pair = await sharedNamePair(t.b.db, true)
    const [first] = value(await fr.library.places()).filter((p) => p.kind === 'library')
    value(
      await fr.library.placeHolds(
        { patronId: hanakoId, titleIds: [pair.first, pair.other], pickupPlaceId: first!.id },
        now(),
      ),
    )
    const mine = value(await fr.library.holds({ patronId: hanakoId }, now())).filter(
      (h) => h.title === pair.name,
    )
    expect(mine).toHaveLength(2)
    expect(new Set(mine.map((h) => h.id)).size).toBe(2)
    // Not offered in the list (with where to do it), and refused if asked for anyway.
    for (const h of mine) expect(h.cancel).toMatchObject({ ok: false, reason: 'library_refused' })
    for (const h of mine) {
      const refused = await fr.library.cancelHold({ patronId: hanakoId, holdId: h.id }, now())
      expect(refused).toMatchObject({ ok: false, reason: 'library_refused' })
    }
    const onServer = await t.b.db.orm
      .select({ state: holds.state })
      .from(holds)
      .where(and(eq(holds.patronId, hanakoId), inArray(holds.titleId, [pair.first, pair.other])))
    expect(onServer.map((h) => h.state)).toEqual(['waiting', 'waiting'])
    // Left as found for the tests after this one.
    await t.b.db.orm
      .delete(holds)
      .where(and(eq(holds.patronId, hanakoId), inArray(holds.titleId, [pair.first, pair.other])))
  })

  it('answers a title from the catalogue copy with availability from 17', async () => {
    const titleId = await freeTitleId(t)
    const mine = value(await fr.library.title(titleId))!
    const theirs = value(await embedded.title(titleId))!
    expect(mine.title).toBe(theirs.title)
    const sum = (a: typeof mine.availability, k: 'copies' | 'onShelf') =>
      a.reduce((n, x) => n + x[k], 0)
    expect(sum(mine.availability, 'copies')).toBe(sum(theirs.availability, 'copies'))
    expect(sum(mine.availability, 'onShelf')).toBe(sum(theirs.availability, 'onShelf'))
    expect(value(await fr.library.title(987_654_321))).toBeNull()
  })

  it('answers a page of titles’ availability and a title’s copies through 17, as the embedded system does', async () => {
    const titleId = await freeTitleId(t)
    const [mine] = value(await fr.library.availability([titleId]))
    const [theirs] = value(await embedded.availability([titleId]))
    const count = (a: { availability: { copies: number; onShelf: number }[] }) =>
      a.availability.reduce((n, x) => [n[0]! + x.copies, n[1]! + x.onShelf], [0, 0])
    expect(count(mine!)).toEqual(count(theirs!))
    const copiesMine = value(await fr.library.copies(titleId))
    const copiesTheirs = value(await embedded.copies(titleId))
    expect(copiesMine.map((c) => c.status).sort()).toEqual(copiesTheirs.map((c) => c.status).sort())
    expect(copiesMine.map((c) => c.libraryId).sort()).toEqual(
      copiesTheirs.map((c) => c.libraryId).sort(),
    )
  })

  it('refuses what SIP2 cannot do — password changes and suspending a hold — saying where, with the phone', async () => {
    const phone = t.b.config.policy.contact.phone
    const change = await fr.library.changePassword(
      { patronId: hanakoId, current: HANAKO.password, next: 'another-pass-2026' },
      now(),
    )
    expect(change).toMatchObject({ ok: false, reason: 'library_refused' })
    if (!change.ok) expect(change.message.ja).toContain(phone)
    const suspend = await fr.library.suspendHold(
      { patronId: hanakoId, holdId: 1, until: '2030-01-01' },
      now(),
    )
    expect(suspend).toMatchObject({ ok: false, reason: 'library_refused' })
    if (!suspend.ok) expect(suspend.message.en).toContain(phone)
    // The ILS's password is untouched: the old one still signs in.
    const signed = await fr.library.authenticate(
      { number: HANAKO.number, password: HANAKO.password },
      now(),
    )
    expect(signed.ok).toBe(true)
  })

  it('answers places from bunko’s places table', async () => {
    expect(value(await fr.library.places())).toEqual(value(await embedded.places()))
  })

  it('renews all with 65: each loan with its own outcome', async () => {
    const loan = await freshLoan(t)
    const results = value(await fr.library.renewAll(hanakoId, now()))
    const mine = results.find((r) => r.loanId === loan.loanId)
    expect(mine?.result.ok).toBe(true)
    const held = results.find((r) => r.title === '乾物でつくる作りおき')
    expect(held?.result).toMatchObject({ ok: false, reason: 'held' })
    // Each refusal says its own reason, never 65's sentence about the whole batch.
    for (const r of results)
      if (!r.result.ok) expect(r.result.message.ja).not.toMatch(/延長しました|できなかった資料は/)
  })

  it('RENEW-NO-GAIN: a loan renewed today is not offered again, as embedded mode says it', async () => {
    const loan = await freshLoan(t)
    value(await fr.library.renew({ patronId: hanakoId, loanId: loan.loanId }, now()))
    const listed = (value(await fr.library.loans(hanakoId, now())) as LoanSummary[]).find(
      (l) => l.id === loan.loanId,
    )
    expect(listed?.renewal).toMatchObject({ ok: false, reason: 'no_gain' })
    if (listed && !listed.renewal.ok)
      expect(listed.renewal.message.ja).toContain('今延長しても返却期限')
    // Not "never": from tomorrow a renewal moves it again.
    expect(listed?.nextRenewal).toBe(addDays(jstDate(now()), 1))
  })
})
