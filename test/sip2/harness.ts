/**
 * A whole bunko (test/support/bunko.ts: the demo library, the LINE simulator) plus its SIP2
 * server on a free loopback port, a kiosk account in 中央図書館, and clients that talk to it
 * over real TCP (or TLS).
 */
import { sql } from 'drizzle-orm'
import { expect } from 'vitest'
import {
  type Frame,
  field,
  loginRequest,
  type Sip2Message,
  type Who,
} from '../../bot/sip2/index.ts'
import { Sip2Client, type Sip2ClientOptions } from '../../bot/sip2/node-client.ts'
import type { Sip2Deps } from '../../bot/sip2/server/context.ts'
import { addKiosk } from '../../bot/sip2/server/kiosks.ts'
import {
  listenSip2,
  type Sip2ListenOptions,
  type Sip2Server,
} from '../../bot/sip2/server/listen.ts'
import { type Bunko, startBunko } from '../support/bunko.ts'

export const KIOSK = {
  login: 'kiosk-chuo-1',
  password: 'kiosk-password-2026',
  institutionId: 'hirakata',
  placeName: '中央図書館',
}
export const HANAKO = { number: '1000000001', password: 'hanako-0001', name: '山田 花子' }
export const YOKO = { number: '1000000011', password: 'other-0011', name: '吉田 陽子' }
/** 「川日和」: on loan; 吉田 陽子's hold on it is first (DEMO-PATRONS.md). */
export const RESERVED_COPY = '2000000010'

export interface Sip2Test {
  b: Bunko
  server: Sip2Server
  kioskId: number
  /** A connected, logged-in kiosk. */
  kiosk(opts?: Partial<Sip2ClientOptions>): Promise<Sip2Client>
  /** A connected client that has not logged in. */
  connect(opts?: Partial<Sip2ClientOptions>): Promise<Sip2Client>
  who(patron?: string, patronPassword?: string): Who
  close(): Promise<void>
}

export async function startSip2(listen: Partial<Sip2ListenOptions> = {}): Promise<Sip2Test> {
  const b = await startBunko()
  const added = await addKiosk(b.db, KIOSK, b.clock.now())
  if (!added.ok) throw new Error(added.reason)
  const deps: Sip2Deps = {
    db: b.db,
    policy: b.config.policy,
    log: b.log,
    now: () => b.clock.now(),
    wallNow: () => b.clock.now(),
  }
  const server = await listenSip2(deps, { port: 0, idleSeconds: 30, ...listen })
  const clients: Sip2Client[] = []
  const connect = async (opts: Partial<Sip2ClientOptions> = {}) => {
    const c = await Sip2Client.connect({ host: '127.0.0.1', port: server.port, ...opts })
    clients.push(c)
    return c
  }
  return {
    b,
    server,
    kioskId: added.value.kiosk.id,
    connect,
    async kiosk(opts) {
      const c = await connect(opts)
      const res = await c.request(loginRequest(KIOSK.login, KIOSK.password))
      expect(res.message.fixed.ok).toBe('1')
      return c
    },
    who: (patron, patronPassword) => ({
      institution: KIOSK.institutionId,
      patron,
      patronPassword,
      at: b.clock.now(),
    }),
    async close() {
      for (const c of clients) c.close()
      await server.close()
      await b.close()
    },
  }
}

/** Copies on 中央図書館's shelf of titles nobody reserved or borrowed, free to lend or reserve. */
export async function freeCopies(
  b: Bunko,
  n: number,
): Promise<{ barcode: string; title: string }[]> {
  return b.db.all(sql`
    SELECT c.barcode AS barcode, t.title AS title FROM copies c
    JOIN titles t ON t.id = c.title_id JOIN places p ON p.id = c.current_place_id
    WHERE c.status = 'on_shelf' AND p.name = '中央図書館' AND t.material_type = 'book'
      AND c.withdrawn_at IS NULL AND t.withdrawn_at IS NULL
      AND t.not_for_loan = 0 AND t.set_id IS NULL
      AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.title_id = t.id)
      AND NOT EXISTS (SELECT 1 FROM loans l JOIN copies c2 ON c2.id = l.copy_id
                      WHERE c2.title_id = t.id AND l.returned_at IS NULL)
    ORDER BY c.id LIMIT ${n}`)
}

/** Audit rows written under the kiosk, oldest first. */
export function kioskAudit(t: Sip2Test) {
  return t.b.db.all<{ action: string; subject: string; role: string; after: string | null }>(sql`
    SELECT a.action AS action, a.subject AS subject, s.role AS role, a.after AS after
    FROM audit_log a JOIN staff s ON s.id = a.staff_id
    WHERE s.id = ${t.kioskId} ORDER BY a.id`)
}

export const f = (frame: Frame | Sip2Message, id: string) =>
  field('message' in frame ? frame.message : frame, id)
