/**
 * The front-mode rig: bunko's own SIP2 server (embedded, the demo library) as the "library
 * system", a fault proxy in front of it, and the SIP2 adapter connected through the proxy.
 * The adapter keeps its own tables in the same database here (the catalogue copy is then
 * exactly the ILS's; shadow patron rows are the demo patrons' own rows, renamed to the same).
 */

import { eq, inArray, type SQL, sql } from 'drizzle-orm'
import { sip2LibrarySystem } from '../../bot/sip2/client/adapter.ts'
import type { Sip2FrontConfig } from '../../bot/sip2/client/config.ts'
import type { ChecksumMode } from '../../bot/sip2/client/connection.ts'
import { nodeConnector } from '../../bot/sip2/client/node-socket.ts'
import { Sip2Pool } from '../../bot/sip2/client/pool.ts'
import { type Charset, checkoutRequest } from '../../bot/sip2/index.ts'
import type { LibrarySystem } from '../../core/index.ts'
import { type Db, raw } from '../../db/client.ts'
import { embeddedLibrarySystem } from '../../db/library-system.ts'
import { copies, loans, patrons } from '../../db/schema.ts'
import { type FaultProxy, startFaultProxy } from './fault-proxy.ts'
import { freeCopies, HANAKO, KIOSK, type Sip2Test, startSip2 } from './harness.ts'

export interface Front {
  library: LibrarySystem
  pool: Sip2Pool
  proxy: FaultProxy
  close(): Promise<void>
}

/** The front's settings for the demo kiosk on `port` (through a proxy, in these tests). */
export function frontConfig(
  port: number,
  opts: {
    charset?: Charset
    checksum?: ChecksumMode
    timeoutMs?: number
    password?: string
    maxConnections?: number
  } = {},
): Sip2FrontConfig {
  return {
    host: '127.0.0.1',
    port,
    user: KIOSK.login,
    password: opts.password ?? KIOSK.password,
    institution: KIOSK.institutionId,
    location: '',
    charset: opts.charset ?? 'utf-8',
    tls: false,
    checksum: opts.checksum ?? 'strict',
    maxRps: 1000,
    timeoutMs: opts.timeoutMs ?? 1500,
    maxConnections: opts.maxConnections ?? 4,
    titleHolds: true,
    opacUrl: 'https://opac.example.jp/',
    emailNotices: false,
  }
}

export async function startFront(
  t: Sip2Test,
  opts: {
    port?: number
    charset?: Charset
    checksum?: ChecksumMode
    timeoutMs?: number
    password?: string
  } = {},
): Promise<Front> {
  const proxy = await startFaultProxy(opts.port ?? t.server.port)
  const config = frontConfig(proxy.port, opts)
  const pool = new Sip2Pool(nodeConnector(), { ...config })
  const library = sip2LibrarySystem({
    db: t.b.db,
    policy: t.b.config.policy,
    pool,
    config,
    healthCacheMs: 0,
  })
  return {
    library,
    pool,
    proxy,
    async close() {
      await pool.close()
      await proxy.close()
    },
  }
}

/** The value of an allowed answer; a refusal fails the test with its reason. */
export const value = <T>(a: { ok: boolean; value?: T; reason?: string }): T => {
  if (!a.ok) throw new Error(`refused: ${a.reason}`)
  return a.value as T
}

export async function patronId(t: Sip2Test, number: string): Promise<number> {
  const [row] = await t.b.db.orm.select().from(patrons).where(eq(patrons.number, number))
  return row!.id
}

/** The server's own record of the loan of `barcode`. */
export async function serverLoan(t: Sip2Test, barcode: string) {
  const [row] = await t.b.db.orm
    .select({ renewals: loans.renewals, dueDate: loans.dueDate, returnedAt: loans.returnedAt })
    .from(loans)
    .innerJoin(copies, eq(copies.id, loans.copyId))
    .where(eq(copies.barcode, barcode))
  return row!
}

/** A free copy lent to 花子 at the kiosk, three days ago: a loan a renewal gains days on. */
export async function freshLoan(t: Sip2Test): Promise<{ barcode: string; loanId: number }> {
  const [free] = await freeCopies(t.b, 1)
  const kiosk = await t.kiosk()
  await kiosk.request(checkoutRequest(t.who(HANAKO.number), free!.barcode))
  t.b.clock.advance(3 * 24 * 60 * 60 * 1000)
  const [copy] = await t.b.db.orm.select().from(copies).where(eq(copies.barcode, free!.barcode))
  return { barcode: free!.barcode, loanId: copy!.id }
}

/** A title nobody holds or borrows, with a copy on 中央図書館's shelf. */
/** `n` different titles with a copy on the shelf that nobody holds or borrows, by id. */
export async function freeTitleIds(t: Sip2Test, n: number): Promise<number[]> {
  const free = await freeCopies(t.b, n * 2)
  const rows = await t.b.db.orm
    .select({ titleId: copies.titleId })
    .from(copies)
    .where(
      inArray(
        copies.barcode,
        free.map((c) => c.barcode),
      ),
    )
  const ids = [...new Set(rows.map((c) => c.titleId))].sort((a, b) => a - b).slice(0, n)
  if (ids.length < n) throw new Error(`the demo library has ${n} free titles`)
  return ids
}

export async function freeTitleId(t: Sip2Test): Promise<number> {
  const [free] = await freeCopies(t.b, 1)
  const [copy] = await t.b.db.orm.select().from(copies).where(eq(copies.barcode, free!.barcode))
  return copy!.titleId
}

/**
 * What the front-mode suites share: bunko's SIP2 server over the demo library, the adapter
 * in front of it, the embedded system over the same database (what the adapter's answers are
 * compared with) and 山田 花子's id there.
 */
export interface FrontRig {
  t: Sip2Test
  fr: Front
  embedded: LibrarySystem
  hanakoId: number
}

export async function startFrontRig(): Promise<FrontRig> {
  const t = await startSip2()
  const fr = await startFront(t)
  const embedded = embeddedLibrarySystem(t.b.db, t.b.config.policy)
  return { t, fr, embedded, hanakoId: await patronId(t, HANAKO.number) }
}

export async function closeFrontRig(rig: Partial<FrontRig>): Promise<void> {
  await rig.fr?.close()
  await rig.t?.close()
}

/** A whole bunko's settings for front mode against bunko's own SIP2 server on `port`. */
export const frontModeEnv = (port: number): Record<string, string> => ({
  LIBRARY_SYSTEM: 'sip2',
  SIP2_HOST: '127.0.0.1',
  SIP2_PORT: String(port),
  SIP2_USER: KIOSK.login,
  SIP2_PASSWORD: KIOSK.password,
  SIP2_INSTITUTION: KIOSK.institutionId,
  SIP2_TIMEOUT_MS: '1500',
  SIP2_MAX_RPS: '1000',
})

/**
 * The front keeps links, notices and the catalogue copy; circulation is the ILS's alone, so
 * the demo seed's own loans, holds, history and notices are taken out of the front's database.
 */
export async function forgetCirculation(db: Db): Promise<void> {
  await db.batch([
    raw(sql`DELETE FROM notices RETURNING id`),
    raw(sql`DELETE FROM reading_history RETURNING id`),
    raw(sql`DELETE FROM holds RETURNING id`),
    raw(sql`DELETE FROM loans RETURNING id`),
  ])
}

/**
 * Two titles of one name (no other title has it) that nobody holds, the later with a copy on
 * the shelf and, with `bothFree`, the earlier too: a name SIP2's hold list cannot tell apart.
 */
export async function sharedNamePair(
  db: Db,
  bothFree = false,
): Promise<{ name: string; first: number; other: number }> {
  const onShelf = (id: SQL) =>
    sql`EXISTS (SELECT 1 FROM copies c WHERE c.title_id = ${id} AND c.status = 'on_shelf')`
  const [pair] = await db.all<{ name: string; first: number; other: number }>(sql`
    SELECT a.title AS name, a.id AS first, b.id AS other FROM titles a
    JOIN titles b ON b.title = a.title AND b.id > a.id
    WHERE b.material_type = 'book' AND b.not_for_loan = 0 AND ${onShelf(sql`b.id`)}
      AND (${bothFree ? sql`a.material_type = 'book' AND a.not_for_loan = 0 AND ${onShelf(sql`a.id`)}` : sql`1`})
      AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.title_id IN (a.id, b.id))
      AND (SELECT count(*) FROM titles x WHERE x.title = a.title) = 2
    ORDER BY b.id LIMIT 1`)
  if (!pair) throw new Error('the demo library has two free titles of one name')
  return pair
}
