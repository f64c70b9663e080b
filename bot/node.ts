/**
 * Node entry point: the embedded default. One process serves the bot, the LIFF app and the
 * counter from a SQLite file; with no LINE credentials it also runs the LINE simulator on the
 * same port, so a librarian can try everything at /simulator without a LINE channel.
 */

import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { serve } from '@hono/node-server'
import { startCatalogueSync } from '../db/import/sync-schedule.ts'
import { migrate, openSqlite } from '../db/sqlite.ts'
import { type Clock, DemoClock, systemClock } from './clock.ts'
import { ConfigError, readConfig } from './config.ts'
import { restoreDemoClock } from './counter/index.tsx'
import { DEMO_STAFF, seedDemoLibrary } from './demo.ts'
import { consoleLog, errorName } from './log.ts'
import { nodeServer } from './node-server.ts'
import { syncRichMenus } from './richmenu/sync.ts'

const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '127.0.0.1'
const databasePath = process.env.DATABASE_PATH ?? 'data/bunko.db'

function startupConfig() {
  try {
    return readConfig(process.env, { publicUrl: `http://localhost:${port}` })
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
const db = openSqlite(databasePath)
migrate(db)
if (clock instanceof DemoClock) await restoreDemoClock(db, clock)
// In demo mode an empty database gets the demo library and its desk account; with real LINE
// credentials the database is the library's own and is never filled with made-up patrons.
if (config.demo && (await seedDemoLibrary(db, clock.now())))
  log.info('db.demo_seeded', { path: databasePath })

const { root, line, background, scheduler } = nodeServer({
  db,
  config,
  clock,
  log,
  scheduler: {},
})

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
    console.log(`  demo mode (no LINE credentials): open ${url}/simulator to try it`)
    console.log(
      `  counter: ${url}/counter (demo staff: ${DEMO_STAFF.login} / ${DEMO_STAFF.password})`,
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

async function shutdown() {
  server.close()
  stopCatalogueSync()
  await scheduler?.stop()
  await background.idle()
  db.close()
  process.exit(0)
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
