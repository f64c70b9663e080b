/**
 * Node entry point: the embedded default. One process serves the bot, the LIFF app and the
 * counter from a SQLite file; with no LINE credentials it also runs the LINE simulator on the
 * same port, so a librarian can try everything at /simulator without a LINE channel.
 */

import { mkdirSync, readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { serve } from '@hono/node-server'
import { startCatalogueSync } from '../db/import/sync-schedule.ts'
import { migrate, openSqlite } from '../db/sqlite.ts'
import { type Clock, DemoClock, systemClock } from './clock.ts'
import { ConfigError, localDemoEnv, readConfig } from './config.ts'
import { restoreDemoClock } from './counter/index.tsx'
import { DEMO_KIOSK, DEMO_STAFF, seedDemoLibrary } from './demo.ts'
import { consoleLog, errorName } from './log.ts'
import { installLineFetch } from './node-line-fetch.ts'
import { nodeServer } from './node-server.ts'
import { syncRichMenus } from './richmenu/sync.ts'
import { readSip2Config } from './sip2/server/config.ts'
import { listenSip2 } from './sip2/server/listen.ts'

const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '127.0.0.1'
const databasePath = process.env.DATABASE_PATH ?? 'data/bunko.db'

function startupConfig() {
  try {
    // On this machine alone and with no LINE secrets, npm start is the demo (BUNKO_DEMO=1).
    const env = localDemoEnv(process.env, { host })
    const config = readConfig(env, { publicUrl: `http://localhost:${port}` })
    return { ...config, sip2: readSip2Config(env, { demo: config.demo, host }) }
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`bunko: ${err.message}`)
      process.exit(2)
    }
    throw err
  }
}

const config = startupConfig()
const clock: Clock = config.demo ? new DemoClock() : systemClock
const log = consoleLog(() => clock.now())

if (databasePath !== ':memory:') mkdirSync(dirname(databasePath), { recursive: true })
// WAL checkpoints run on a worker thread, not inside a request's write (db/sqlite-checkpoint.ts).
const db = openSqlite(databasePath, { backgroundCheckpoint: true })
migrate(db)
if (clock instanceof DemoClock) await restoreDemoClock(db, clock)
// In demo mode an empty database gets the demo library and its desk account; with real LINE
// credentials the database is the library's own and is never filled with made-up patrons.
if (config.demo && (await seedDemoLibrary(db, clock.now())))
  log.info('db.demo_seeded', { path: databasePath })

// LINE's API calls go over node:http instead of Node's costlier fetch (node-line-fetch.ts).
installLineFetch(config.line)
const { root, line, background, scheduler } = nodeServer({
  db,
  config,
  clock,
  log,
  scheduler: {},
})

/** The SIP2 server, or a plain reason to stop (a busy port, an unreadable certificate). */
async function startSip2(settings: NonNullable<typeof config.sip2>) {
  try {
    return await listenSip2(
      {
        db,
        policy: config.policy,
        log,
        now: () => clock.now(),
        wallNow: clock instanceof DemoClock ? () => clock.now() - clock.offset : () => clock.now(),
      },
      {
        port: settings.port,
        host: settings.host,
        charset: settings.charset,
        idleSeconds: settings.idleSeconds,
        maxConnections: settings.maxConnections,
        tls: settings.tls
          ? { cert: readFileSync(settings.tls.certPath), key: readFileSync(settings.tls.keyPath) }
          : undefined,
      },
    )
  } catch (err) {
    const code = (err as { code?: string }).code
    console.error(
      code === 'EADDRINUSE'
        ? `bunko: SIP2 port ${settings.port} is in use. Set SIP2_LISTEN_PORT to a free port, or 0 to turn the SIP2 server off.`
        : `bunko: the SIP2 server could not start (${code ?? errorName(err)}): check SIP2_TLS_CERT / SIP2_TLS_KEY and SIP2_LISTEN_HOST.`,
    )
    process.exit(2)
  }
}

// Self-check kiosks (SIP2) on their own port, acting through the counter's functions.
const sip2 = config.sip2 ? await startSip2(config.sip2) : null
// Front mode: the library's nightly catalogue delta, from a URL or a folder (README).
function catalogueSync(): () => void {
  const source = process.env.CATALOGUE_SYNC_URL
  if (!source) return () => {}
  try {
    return startCatalogueSync(db, source, process.env.CATALOGUE_SYNC_AT || '03:00', log)
  } catch (err) {
    console.error(`bunko: ${(err as Error).message}`)
    process.exit(2)
  }
}
const stopCatalogueSync = catalogueSync()

const server = serve({ fetch: root.fetch, port, hostname: host }, async () => {
  const url = config.publicUrl
  console.log(`bunko is running at ${url}`)
  if (config.demo) {
    console.log(
      `  demo mode (BUNKO_DEMO=1: on this machine, no LINE credentials): open ${url}/simulator to try it`,
    )
    console.log(
      `  counter: ${url}/counter (demo staff: ${DEMO_STAFF.login} / ${DEMO_STAFF.password})`,
    )
    if (sip2)
      console.log(
        `  self-check kiosks (SIP2${config.sip2?.tls ? ' over TLS' : ''}): ${config.sip2?.host}:${sip2.port} (demo kiosk: ${DEMO_KIOSK.login} / ${DEMO_KIOSK.password}, institution ${DEMO_KIOSK.institutionId}; SIP2_LISTEN_PORT=0 turns it off)`,
      )
    try {
      await syncRichMenus({
        client: line.client,
        blobClient: line.blob,
        liffId: config.line.liffId,
      })
    } catch (err) {
      log.warn('richmenu.sync_failed', { error: errorName(err) })
    }
  }
})

if (sip2 && !config.demo) console.log(`SIP2 server listening on ${config.sip2?.host}:${sip2.port}`)

async function shutdown() {
  server.close()
  await sip2?.close()
  stopCatalogueSync()
  await scheduler?.stop()
  await background.idle()
  db.close()
  process.exit(0)
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
