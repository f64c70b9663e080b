/**
 * Global setup of the Workers suite (runs in Node): bunko's own SIP2 server over the demo
 * library on a free loopback port, with a kiosk account, for the SIP2 client inside workerd
 * (sip2-client.test.ts) to connect to with cloudflare:sockets.
 */
import type { TestProject } from 'vitest/node'
import { addKiosk } from '../../bot/sip2/server/kiosks.ts'
import { listenSip2 } from '../../bot/sip2/server/listen.ts'
import { startBunko } from '../support/bunko.ts'

export const SIP2_KIOSK = {
  login: 'kiosk-workers-1',
  password: 'kiosk-password-2026',
  institutionId: 'hirakata',
  placeName: '中央図書館',
}

declare module 'vitest' {
  export interface ProvidedContext {
    sip2Port: number
  }
}

export default async function setup(project: TestProject) {
  const b = await startBunko()
  const added = await addKiosk(b.db, SIP2_KIOSK, b.clock.now())
  if (!added.ok) throw new Error(added.reason)
  const server = await listenSip2(
    {
      db: b.db,
      policy: b.config.policy,
      log: b.log,
      now: () => b.clock.now(),
      wallNow: () => b.clock.now(),
    },
    { port: 0, host: '127.0.0.1', idleSeconds: 60 },
  )
  project.provide('sip2Port', server.port)
  return async () => {
    await server.close()
    await b.close()
  }
}
