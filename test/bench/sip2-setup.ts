/**
 * What the SIP2 benchmark runs against: a library file opened as the Node entry opens it,
 * bunko's HTTP app and its SIP2 server on loopback ports, kiosk and desk accounts, and for
 * each kiosk a patron with no loans and a copy nobody waits for (so a checkin never turns
 * into a hold and every cycle is the same work).
 */
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { sql } from 'drizzle-orm'
import type { Hono } from 'hono'
import { systemClock } from '../../bot/clock.ts'
import { readConfig } from '../../bot/config.ts'
import type { Log } from '../../bot/log.ts'
import { nodeServer } from '../../bot/node-server.ts'
import { addKiosk } from '../../bot/sip2/server/kiosks.ts'
import { listenSip2 } from '../../bot/sip2/server/listen.ts'
import type { Db } from '../../db/client.ts'
import { upsertStaff } from '../../db/staff.ts'
import { DeskClient } from '../counter/desk-client.ts'

export const KIOSK_PASSWORD = 'bench-kiosk-password'
export const DESK = { login: 'bench-desk', name: '計測 窓口', password: 'bench-desk-password' }

/** Logs nothing: the benchmark measures the work, not the console. */
const quiet: Log = { info: () => {}, warn: () => {}, error: () => {} }

export interface Lane {
  kiosk: string
  patron: { id: number; number: string }
  barcode: string
}

export async function pickLanes(db: Db, n: number, placeId: number, now: number): Promise<Lane[]> {
  const patrons = await db.all<{ id: number; number: string }>(sql`
    SELECT p.id AS id, p.number AS number FROM patrons p
    WHERE p.status = 'active' AND p.category = 'general'
      AND (p.expires_on IS NULL OR p.expires_on > date(${now / 1000}, 'unixepoch'))
      AND NOT EXISTS (SELECT 1 FROM loans l WHERE l.patron_id = p.id AND l.returned_at IS NULL)
    LIMIT ${n}`)
  const copies = await db.all<{ barcode: string }>(sql`
    SELECT c.barcode AS barcode FROM copies c JOIN titles t ON t.id = c.title_id
    WHERE c.status = 'on_shelf' AND c.current_place_id = ${placeId} AND c.home_library_id = ${placeId}
      AND t.not_for_loan = 0
      AND t.material_type = 'book' AND t.set_id IS NULL
      AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.title_id = t.id)
    LIMIT ${n}`)
  if (patrons.length < n || copies.length < n)
    throw new Error(
      `need ${n} free patrons and copies, found ${patrons.length} and ${copies.length}: use more --titles`,
    )
  return patrons.map((patron, i) => ({
    kiosk: `bench-kiosk-${i + 1}`,
    patron,
    barcode: copies[i]!.barcode,
  }))
}

export async function startServers(db: Db, kiosks: number) {
  const [place] = await db.all<{ id: number; name: string }>(
    sql`SELECT id, name FROM places WHERE kind = 'library' ORDER BY sort_order, id LIMIT 1`,
  )
  if (!place) throw new Error('the library has no places')
  const now = systemClock.now()
  for (let i = 1; i <= kiosks; i++) {
    const r = await addKiosk(
      db,
      {
        login: `bench-kiosk-${i}`,
        password: KIOSK_PASSWORD,
        institutionId: 'hirakata',
        placeName: place.name,
      },
      now,
      { reset: true },
    )
    if (!r.ok) throw new Error(`kiosk account: ${r.reason}`)
  }
  await upsertStaff(db, DESK, now)
  let app: ReturnType<typeof nodeServer> | undefined
  const http = serve({ fetch: (req) => app!.root.fetch(req), port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((resolve) => http.once('listening', () => resolve()))
  const origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
  const config = readConfig({ PUBLIC_URL: origin }, { publicUrl: origin })
  app = nodeServer({ db, config, clock: systemClock, log: quiet, scheduler: false })
  const sip2 = await listenSip2(
    {
      db,
      policy: config.policy,
      log: quiet,
      now: () => systemClock.now(),
      wallNow: () => systemClock.now(),
    },
    { port: 0, maxConnections: kiosks + 10 },
  )
  // The counter's desk over real HTTP: DeskClient keeps cookies and CSRF; `request` is fetch.
  const overHttp = {
    request: (url: string, init?: RequestInit) => fetch(url, { ...init, redirect: 'manual' }),
  } as unknown as Hono
  const desk = new DeskClient(overHttp, origin)
  const signed = await desk.signIn(DESK.login, DESK.password, String(place.id))
  if (signed.res.status !== 303) throw new Error(`desk sign-in: ${signed.res.status}`)
  await desk.get('/counter')
  return {
    place,
    sip2Port: sip2.port,
    desk,
    async close() {
      await sip2.close()
      await new Promise((r) => http.close(r))
    },
  }
}
