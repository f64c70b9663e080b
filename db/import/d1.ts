/**
 * `--d1 <binding> [--remote]`: a `Db` over a D1 database from a Node command, through
 * wrangler's platform proxy, so imports (and staff:add, kiosk:add) write with the very same
 * statements the Worker runs. Local D1 is the one `wrangler dev` and `npm run dev:worker` use
 * (.wrangler/state); `--remote` reaches the real database named in wrangler.toml (wrangler
 * login or CLOUDFLARE_API_TOKEN). Node only: never imported by the Worker.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import { type Db, openD1 } from '../client.ts'

const root = fileURLToPath(new URL('../../', import.meta.url))

export interface D1Target {
  db: Db
  close(): Promise<void>
}

/** Opens the D1 `binding` of wrangler.toml; refuses one without bunko's tables, saying how to make them. */
export async function openWranglerD1(binding: string, remote: boolean): Promise<D1Target> {
  process.env.WRANGLER_SEND_METRICS ??= 'false'
  process.env.XDG_CONFIG_HOME ??= `${root}.config`
  mkdirSync(process.env.XDG_CONFIG_HOME, { recursive: true })
  const wrangler = await import('wrangler')
  const configPath = remote
    ? remoteConfig(wrangler.unstable_readConfig, binding)
    : `${root}wrangler.toml`
  const proxy = await wrangler.getPlatformProxy<Record<string, unknown>>({
    configPath,
    // D1_PERSIST_PATH: another local state folder (wrangler's --persist-to), e.g. for tests.
    persist: process.env.D1_PERSIST_PATH ? { path: `${process.env.D1_PERSIST_PATH}/v3` } : true,
    remoteBindings: remote,
    envFiles: [],
  })
  const d1 = proxy.env[binding]
  if (!d1 || typeof (d1 as { prepare?: unknown }).prepare !== 'function') {
    await proxy.dispose()
    throw new Error(`wrangler.toml has no D1 binding "${binding}" (bunko's is "DB")`)
  }
  const db = openD1(d1 as never)
  const [t] = await db.all<{ n: number }>(
    sql`SELECT count(*) AS n FROM sqlite_master WHERE name = 'titles'`,
  )
  if (!t?.n) {
    await proxy.dispose()
    const where = remote ? '--remote' : '--local'
    throw new Error(
      `D1「${binding}」に bunko の表がありません。先に npx wrangler d1 migrations apply ${binding} ${where} を実行してください / the D1 database has no bunko tables: run npx wrangler d1 migrations apply ${binding} ${where} first`,
    )
  }
  return { db, close: () => proxy.dispose() }
}

/**
 * wrangler reaches a D1 database remotely only when its binding says `remote = true`; rather
 * than ask libraries to edit wrangler.toml for one command, a copy with that flag is written
 * under .wrangler/ (git-ignored) and used for this run.
 */
function remoteConfig(
  readConfig: (args: { config: string }) => {
    d1_databases: Record<string, unknown>[]
    name?: string
    compatibility_date?: string
  },
  binding: string,
): string {
  const config = readConfig({ config: `${root}wrangler.toml` })
  const d1 = config.d1_databases.map((d) => (d.binding === binding ? { ...d, remote: true } : d))
  const path = `${root}.wrangler/import-remote.json`
  mkdirSync(`${root}.wrangler`, { recursive: true })
  writeFileSync(
    path,
    JSON.stringify({
      name: config.name,
      compatibility_date: config.compatibility_date,
      d1_databases: d1,
    }),
  )
  return path
}
