/**
 * Post/Redirect/Get at the counter (bot/counter/flash.ts): every POST that acts answers 303 to
 * a counter page whose URL names nothing about the patron; that page shows the outcome once;
 * a reload (a second GET of the same URL) shows the page without it and acts on nothing.
 */
import { and, eq, isNull } from 'drizzle-orm'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { CounterEnv } from '../../bot/counter/context.ts'
import { FLASH_MS, takeFlash } from '../../bot/counter/flash.ts'
import { findSession, SESSION_COOKIE } from '../../bot/counter/session.ts'
import { checkIn } from '../../db/circulation.ts'
import { auditLog, copies, holds, loans, notices, patrons, staffSessions } from '../../db/schema.ts'
import { DeskClient, text } from './desk-client.ts'
import {
  addWaitingHold,
  copy,
  type Harness,
  harness,
  NOW,
  number,
  PATRON,
  PLACE,
  TITLE,
} from './fixture.ts'

type Open = Harness & { desk: DeskClient }

async function open(): Promise<Open> {
  const h = await harness()
  await h.db.orm.update(patrons).set({ phone: '090-1234-5678' }).where(eq(patrons.id, PATRON.alice))
  return { ...h, desk: await new DeskClient(h.app).signedIn() }
}

/** 佐藤 (bob) waits for 淀川の四季 at `pickup`; 中央's copy C31 is on the shelf. */
const bobWaits = (h: Open, pickup: number = PLACE.central) =>
  addWaitingHold(h.db, {
    id: 1,
    patronId: PATRON.bob,
    titleId: TITLE.book3,
    pickupPlaceId: pickup,
    placedAt: NOW - 1000,
  })

/** Bob's hold made ready on 中央's hold shelf with C31. */
async function bobReady(h: Open) {
  await bobWaits(h)
  await checkIn(
    h.db,
    { barcode: copy(TITLE.book3, 1), placeId: PLACE.central },
    NOW,
    h.config.policy,
  )
}

interface Case {
  /** Makes the library ready and names the form to send. */
  setup(h: Open): Promise<{ path: string; form?: Record<string, string> }>
  /** The page the POST redirects to (its path). */
  page: string
  /** Words only the outcome says. */
  says: string
}

const CASES: [string, Case][] = [
  [
    'a lend',
    {
      setup: async () => ({
        path: `/counter/patrons/${PATRON.alice}/lend`,
        form: { barcode: copy(TITLE.gingatetsudo, 1) },
      }),
      page: `/counter/patrons/${PATRON.alice}`,
      says: '貸し出しました',
    },
  ],
  [
    'a refused lend (on the audit trail)',
    {
      setup: async () => ({
        path: `/counter/patrons/${PATRON.alice}/lend`,
        form: { barcode: copy(TITLE.reference, 1) },
      }),
      page: `/counter/patrons/${PATRON.alice}`,
      says: '貸出できません',
    },
  ],
  [
    'a renewal',
    {
      setup: async (h) => {
        await h.desk.submit(`/counter/patrons/${PATRON.alice}/lend`, {
          barcode: copy(TITLE.book3, 1),
        })
        await h.desk.post('/counter/clock/advance', { by: 'day' })
        const [loan] = await h.db.orm
          .select()
          .from(loans)
          .where(and(eq(loans.patronId, PATRON.alice), isNull(loans.returnedAt)))
        return { path: `/counter/patrons/${PATRON.alice}/loans/${loan!.id}/renew` }
      },
      page: `/counter/patrons/${PATRON.alice}`,
      says: '延長しました',
    },
  ],
  [
    'a return',
    {
      setup: async () => ({ path: '/counter/return', form: { barcode: copy(TITLE.book2, 1) } }),
      page: '/counter',
      says: '返却しました',
    },
  ],
  [
    'a scan on the pick list',
    {
      setup: async (h) => {
        await bobWaits(h)
        return { path: '/counter/picks/return', form: { barcode: copy(TITLE.book3, 1) } }
      },
      page: '/counter/picks',
      says: '予約に充てました',
    },
  ],
  [
    'a receipt off the van',
    {
      setup: async (h) => {
        await bobWaits(h, PLACE.kuzuha)
        await h.desk.submit('/counter/return', { barcode: copy(TITLE.book3, 1) })
        await h.desk.post('/counter/place', { place: String(PLACE.kuzuha) })
        return { path: '/counter/transit/receive', form: { barcode: copy(TITLE.book3, 1) } }
      },
      page: '/counter/transit',
      says: '回送で受け入れました',
    },
  ],
  [
    'a hand-over from the hold shelf',
    {
      setup: async (h) => {
        await bobReady(h)
        return { path: '/counter/holds/1/collect', form: { place: String(PLACE.central) } }
      },
      page: '/counter/holds',
      says: '予約資料を貸し出しました',
    },
  ],
  [
    'one hold expired',
    {
      setup: async (h) => {
        await bobReady(h)
        for (const by of ['week', 'week']) await h.desk.post('/counter/clock/advance', { by })
        return { path: '/counter/holds/1/expire', form: { place: String(PLACE.central) } }
      },
      page: '/counter/holds',
      says: '予約を取置期限切れにしました',
    },
  ],
  [
    'every late hold expired',
    {
      setup: async (h) => {
        await bobReady(h)
        for (const by of ['week', 'week']) await h.desk.post('/counter/clock/advance', { by })
        return { path: '/counter/holds/expire', form: { place: String(PLACE.central) } }
      },
      page: '/counter/holds',
      says: '取置期限切れの予約を1件処理しました',
    },
  ],
  [
    'a patron search (on the audit trail)',
    {
      setup: async () => ({ path: '/counter/patrons/find', form: { q: '5678' } }),
      page: '/counter',
      says: '見つかった利用者（1件）',
    },
  ],
]

/** What a patron or their reading could be known by: none of it may be in a URL. */
const PRIVATE = [
  ...Object.values(PATRON).map(number),
  ...['山田', '佐藤', '田中', '伊藤', '鈴木', '5678', '銀河', '淀川', '枚方'],
  ...Object.values(TITLE).flatMap((t) => [copy(t, 1), copy(t, 2)]),
]

/** Everything an action at the counter can change. */
async function state(h: Open) {
  const o = h.db.orm
  return JSON.stringify([
    await o.select().from(loans),
    await o.select().from(holds),
    await o.select().from(copies),
    await o.select().from(notices),
    await o.select().from(auditLog),
  ])
}

const doneOf = (location: string) => new URL(location, 'http://x').searchParams.get('done')

describe('Post/Redirect/Get at the counter', () => {
  it.each(CASES)(
    '%s: 303 to the page, which says it once; a reload repeats nothing',
    async (_what, c) => {
      const h = await open()
      const { path, form } = await c.setup(h)
      const { res } = await h.desk.post(path, form)
      expect(res.status).toBe(303)
      const to = res.headers.get('location') ?? ''
      expect(new URL(to, 'http://x').pathname).toBe(c.page)
      expect(doneOf(to)).toMatch(/^[A-Za-z0-9_-]{22}$/)
      const bare = to.replace(/done=[^&]*/, '')
      for (const word of PRIVATE) expect(decodeURIComponent(bare)).not.toContain(word)

      const shown = await h.desk.get(to)
      expect(shown.res.status).toBe(200)
      expect(text(shown.html)).toContain(c.says)
      const before = await state(h)
      const reload = await h.desk.get(to)
      expect(reload.res.status).toBe(200)
      expect(text(reload.html)).not.toContain(c.says)
      expect(await state(h)).toBe(before)
      const [session] = await h.db.orm.select().from(staffSessions)
      expect(session?.flash).toBeNull()
    },
  )

  it('the page opened without its `done` (another tab) leaves the outcome to its redirect', async () => {
    const h = await open()
    const lend = `/counter/patrons/${PATRON.alice}/lend`
    const { res } = await h.desk.post(lend, { barcode: copy(TITLE.gingatetsudo, 1) })
    const elsewhere = await h.desk.get(`/counter/patrons/${PATRON.alice}`)
    expect(text(elsewhere.html)).not.toContain('貸し出しました')
    expect(text((await h.desk.get('/counter')).html)).not.toContain('貸し出しました')
    const shown = await h.desk.get(res.headers.get('location') ?? '')
    expect(text(shown.html)).toContain('貸し出しました')
  })

  it('two requests that both read the outcome show it once (the take is a guarded write)', async () => {
    const h = await open()
    const { res } = await h.desk.post('/counter/return', { barcode: copy(TITLE.book2, 1) })
    const session = await findSession(h.db, h.desk.cookies.get(SESSION_COOKIE) ?? '', h.wall.now)
    const k = { db: h.db, wallNow: () => h.wall.now }
    // Both "requests" hold the session as read before either took the outcome.
    const app = new Hono<CounterEnv>().get('/counter', async (c) => {
      c.set('session', session!)
      const first = await takeFlash(c, k)
      const second = await takeFlash(c, k)
      return c.json([first?.kind ?? null, second?.kind ?? null])
    })
    const took = await app.request(`http://localhost${res.headers.get('location')}`)
    expect(await took.json()).toEqual(['return', null])
  })

  it('an outcome not fetched in time is never shown, and is dropped', async () => {
    const h = await open()
    const { res } = await h.desk.post('/counter/return', { barcode: copy(TITLE.book2, 1) })
    h.wall.now += FLASH_MS + 1000
    const late = await h.desk.get(res.headers.get('location') ?? '')
    expect(text(late.html)).not.toContain('返却しました')
    const [session] = await h.db.orm.select().from(staffSessions)
    expect(session?.flash).toBeNull()
  })

  it('a double submit (two lends racing from one desk) lends once and records one checkout', async () => {
    const h = await open()
    const lend = () =>
      h.desk.post(`/counter/patrons/${PATRON.alice}/lend`, { barcode: copy(TITLE.book3, 1) })
    const both = await Promise.all([lend(), lend()])
    expect(both.map((p) => p.res.status)).toEqual([303, 303])
    const open_ = await h.db.orm
      .select()
      .from(loans)
      .where(and(eq(loans.patronId, PATRON.alice), isNull(loans.returnedAt)))
    expect(open_).toHaveLength(1)
    const checkouts = await h.db.orm.select().from(auditLog).where(eq(auditLog.action, 'checkout'))
    expect(checkouts).toHaveLength(1)
    // The browser follows whichever answer came last (their order is the race's): the session
    // keeps one outcome, so one of the two pages says lent, or lent already; neither refused.
    const pages: string[] = []
    for (const p of both)
      pages.push(text((await h.desk.get(p.res.headers.get('location') ?? '')).html))
    expect(pages.some((page) => /貸し出しました|この利用者に貸出済みです/.test(page))).toBe(true)
    for (const page of pages) expect(page).not.toContain('貸出できません')
  })

  it('a scan refused before anything was done answers directly, and keeps a waiting outcome', async () => {
    const h = await open()
    const { res } = await h.desk.post('/counter/return', { barcode: copy(TITLE.book2, 1) })
    const empty = await h.desk.post('/counter/return', { barcode: '  ' })
    expect(empty.res.status).toBe(422)
    expect(empty.res.headers.get('location')).toBeNull()
    expect(text(empty.html)).toContain('バーコードを読み取ってください')
    expect(text((await h.desk.get(res.headers.get('location') ?? '')).html)).toContain(
      '返却しました',
    )
  })

  it('after a return the return field is focused, after a reload too; nothing reaches the log', async () => {
    const h = await open()
    const { res } = await h.desk.post('/counter/return', { barcode: copy(TITLE.book2, 1) })
    const to = res.headers.get('location') ?? ''
    for (const _ of [1, 2]) {
      const { html } = await h.desk.get(to)
      expect(html).toMatch(/id="return-barcode"[^>]*autofocus/)
      expect(html).not.toMatch(/id="patron-number"[^>]*autofocus/)
    }
    expect(h.log.lines.join('\n')).not.toMatch(/C21|1000003|田中/)
  })

  it('the demo clock buttons come back to the page, not to the redirect', async () => {
    const h = await open()
    const { res } = await h.desk.post(`/counter/patrons/${PATRON.alice}/lend`, {
      barcode: copy(TITLE.gingatetsudo, 1),
    })
    const { html } = await h.desk.get(res.headers.get('location') ?? '')
    expect(html).toContain(`name="back" value="/patrons/${PATRON.alice}"`)
  })
})
