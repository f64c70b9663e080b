/**
 * A small library for the counter tests: two libraries and a locker, a handful of titles
 * (one 禁帯出), two copies of each, patrons for the cases the desk must handle (ordinary,
 * another reader, long overdue, lapsed registration), and one staff account. Ids are fixed.
 * 佐藤 (bob), the usual holder in these tests, is linked to LINE, so his pickup notices can go.
 */
import { eq } from 'drizzle-orm'
import { Hono } from 'hono'
import { DemoClock } from '../../bot/clock.ts'
import { type Config, readConfig } from '../../bot/config.ts'
import { type CounterDeps, counterRoutes } from '../../bot/counter/index.tsx'
import { addStaff } from '../../bot/counter/staff.ts'
import { lineClients } from '../../bot/line.ts'
import { memoryLog } from '../../bot/log.ts'
import type { Db } from '../../db/client.ts'
import { embeddedLibrarySystem } from '../../db/library-system.ts'
import { copies, holds, lineLinks, loans, patrons, places, titles } from '../../db/schema.ts'
import { migrate, openSqlite } from '../../db/sqlite.ts'

/** Japan 2026-06-10 (Wed) 12:00. */
export const NOW = Date.UTC(2026, 5, 10, 3, 0)
export const STAFF = { login: 'tanaka', name: '田中 司書', password: 'kaunta-no-aikotoba' }
export const PLACE = { central: 1, kuzuha: 2, locker: 3 } as const
export const PATRON = { alice: 1, bob: 2, late: 3, lapsed: 4, carol: 5 } as const
export const number = (id: number) => String(1000000 + id)
/** Copy barcodes: `C<title><n>`, n = 1 at 中央, 2 at 楠葉. */
export const copy = (title: number, n: 1 | 2) => `C${title}${n}`
export const copyId = (title: number, n: 1 | 2) => title * 10 + n
export const TITLE = { gingatetsudo: 1, book2: 2, book3: 3, book4: 4, reference: 5, dvd: 6 }

export async function buildLibrary(db: Db): Promise<void> {
  const o = db.orm
  const titleRows = [
    { id: 1, title: '銀河鉄道の夜', author: '宮沢賢治' },
    { id: 2, title: '枚方の民話', author: '枚方太郎' },
    { id: 3, title: '淀川の四季', author: '淀川花子' },
    { id: 4, title: 'くずはの森', author: '楠葉次郎' },
    { id: 5, title: '枚方市史 資料編', notForLoan: true },
    { id: 6, title: '映画 ひらかた', materialType: 'dvd' as const },
  ].map((t) => ({ materialType: 'book' as const, createdAt: 0, ...t }))
  const copyRows = titleRows.flatMap((t) =>
    ([1, 2] as const).map((n) => ({
      id: copyId(t.id, n),
      barcode: copy(t.id, n),
      titleId: t.id,
      homeLibraryId: n === 1 ? PLACE.central : PLACE.kuzuha,
      currentPlaceId: n === 1 ? PLACE.central : PLACE.kuzuha,
    })),
  )
  const patron = (id: number, name: string, extra: Partial<typeof patrons.$inferInsert> = {}) => ({
    id,
    number: number(id),
    name,
    nameYomi: '',
    createdAt: 0,
    email: `p${id}@example.jp`,
    emailConfirmed: true,
    ...extra,
  })
  await db.batch([
    o
      .insert(places)
      .values([
        { id: 1, code: 'central', name: '中央図書館', kind: 'library', phone: '050-7105-8141' },
        { id: 2, code: 'kuzuha', name: '楠葉図書館', kind: 'library', phone: '050-7102-3113' },
        {
          id: 3,
          code: 'locker-1',
          name: '駅前受取ロッカー',
          kind: 'locker',
          parentId: 1,
          phone: '050-7105-8141',
        },
      ])
      .returning({ id: places.id }),
    o.insert(titles).values(titleRows).returning({ id: titles.id }),
    o.insert(copies).values(copyRows).returning({ id: copies.id }),
    o
      .insert(patrons)
      .values([
        patron(1, '山田 花子', { nameYomi: 'ヤマダ ハナコ' }),
        patron(2, '佐藤 一郎'),
        patron(3, '田中 遅延'),
        patron(4, '伊藤 期限', { expiresOn: '2026-01-31' }),
        patron(5, '鈴木 光'),
      ])
      .returning({ id: patrons.id }),
    // 田中 遅延 has had 枚方の民話 (中央) since March: far more than 60 days overdue.
    o
      .insert(loans)
      .values({
        copyId: copyId(2, 1),
        patronId: PATRON.late,
        libraryId: PLACE.central,
        loanDate: '2026-03-01',
        dueDate: '2026-03-15',
        loanedAt: Date.UTC(2026, 2, 1, 1),
      })
      .returning({ id: loans.id }),
  ])
  await db.batch([
    o
      .insert(lineLinks)
      .values({ lineUserId: `U${'b'.repeat(32)}`, patronId: PATRON.bob, linkedAt: 0 })
      .returning({ id: lineLinks.id }),
    o
      .update(copies)
      .set({ status: 'on_loan', currentPlaceId: null })
      .where(eq(copies.id, copyId(2, 1)))
      .returning({ id: copies.id }),
  ])
}

/** A waiting hold placed at `placedAt` (queue order), straight into the table. */
export async function addWaitingHold(
  db: Db,
  h: { id: number; patronId: number; titleId: number; pickupPlaceId: number; placedAt: number },
): Promise<void> {
  await db.batch([db.orm.insert(holds).values(h).returning({ id: holds.id })])
}

export interface Harness {
  db: Db & { close(): void }
  app: Hono
  /** Real (wall) time; the demo clock adds its offset to it. */
  wall: { now: number }
  clock: DemoClock
  config: Config
  log: ReturnType<typeof memoryLog>
}

/** The counter mounted at /counter over a fresh in-memory library. */
const FRONT_ENV = {
  LIBRARY_SYSTEM: 'sip2',
  SIP2_HOST: '127.0.0.1',
  SIP2_USER: 'bunko',
  SIP2_PASSWORD: 'sip2-secret',
  SIP2_INSTITUTION: 'hirakata',
}

export async function harness(
  opts: {
    demo?: boolean
    withStaff?: boolean
    onClockAdvanced?: () => void
    /** What to load instead of the small library (e.g. the demo seed). */
    library?: (db: Db) => Promise<unknown>
    /** PUBLIC_URL (default http://localhost), e.g. https behind a TLS-terminating proxy. */
    publicUrl?: string
    /** Front mode's configuration (LIBRARY_SYSTEM=sip2); the counter reads only that. */
    front?: boolean
    /** More settings, e.g. BUNKO_POLICY. */
    env?: Record<string, string>
  } = {},
): Promise<Harness> {
  const db = openSqlite(':memory:')
  migrate(db)
  await (opts.library ?? buildLibrary)(db)
  if (opts.withStaff !== false) await addStaff(db, STAFF, NOW)
  const wall = { now: NOW }
  const clock = new DemoClock(() => wall.now)
  const env = {
    ...(opts.demo === false
      ? { LINE_CHANNEL_SECRET: 's', LINE_CHANNEL_ACCESS_TOKEN: 't' }
      : { BUNKO_DEMO: '1' }),
    ...(opts.front ? FRONT_ENV : {}),
    ...opts.env,
  }
  const config = readConfig(env, { publicUrl: opts.publicUrl ?? 'http://localhost' })
  const log = memoryLog()
  const deps: CounterDeps = {
    db,
    library: embeddedLibrarySystem(db, config.policy),
    line: lineClients(config),
    clock,
    config,
    log,
    demoClock: clock,
    ...(opts.onClockAdvanced ? { onClockAdvanced: opts.onClockAdvanced } : {}),
  }
  const app = new Hono()
  app.route('/counter', counterRoutes(deps))
  return { db, app, wall, clock, config, log }
}
