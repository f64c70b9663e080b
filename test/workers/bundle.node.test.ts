/**
 * Runs in Node, not workerd: bundles bot/worker.ts with wrangler (esbuild, as `wrangler
 * deploy` does) and checks the module graph. Nothing Node-only may be reachable from the
 * Worker: no better-sqlite3, no @hono/node-server, no node:fs (the rich-menu images, the
 * SQLite opener); the only Node built-ins imported are those nodejs_compat provides and
 * @line/bot-sdk needs. A temporary config stands in for wrangler.toml so the check needs
 * neither the built LIFF app nor a D1 database.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { noticeCrons } from '../../bot/notices/workers.ts'
import { CATALOGUE_SYNC_CRON } from '../../db/import/sync-cron.ts'

const root = fileURLToPath(new URL('../../', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'bunko-worker-bundle-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The compatibility settings of the real wrangler.toml, so the bundle is the deployed one. */
function compatibility(): string {
  const toml = readFileSync(join(root, 'wrangler.toml'), 'utf8')
  const date = /^compatibility_date = "([^"]+)"/m.exec(toml)?.[1]
  const flags = /^compatibility_flags = (\[[^\]]*\])/m.exec(toml)?.[1]
  expect(date && flags, 'wrangler.toml has a compatibility date and flags').toBeTruthy()
  return `compatibility_date = "${date}"\ncompatibility_flags = ${flags}\n`
}

function bundle(entry = 'bot/worker.ts') {
  const config = join(dir, 'wrangler.toml')
  const main = join(root, entry)
  writeFileSync(
    config,
    `name = "bunko-bundle-check"\nmain = ${JSON.stringify(main)}\n${compatibility()}`,
  )
  const config_home = join(root, '.config')
  mkdirSync(config_home, { recursive: true })
  const wrangler = join(root, 'node_modules/wrangler/bin/wrangler.js')
  const args = ['deploy', '--dry-run', '-c', config, '--outdir', join(dir, 'out')]
  const run = spawnSync(
    process.execPath,
    [wrangler, ...args, '--metafile', join(dir, 'meta.json')],
    {
      cwd: root,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', XDG_CONFIG_HOME: config_home },
      encoding: 'utf8',
    },
  )
  expect(run.status, run.stderr || run.stdout).toBe(0)
  return JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as {
    inputs: Record<string, unknown>
    outputs: Record<string, { bytes: number; imports?: { path: string; external?: boolean }[] }>
  }
}

describe('the Worker bundle', () => {
  it('reaches nothing Node-only from bot/worker.ts', () => {
    const meta = bundle()
    const inputs = Object.keys(meta.inputs)
    expect(inputs.some((p) => p.endsWith('bot/worker.ts'))).toBe(true)
    expect(inputs.some((p) => p.endsWith('bot/app.ts'))).toBe(true)
    const nodeOnly =
      /better-sqlite3|@hono\/node-server|db\/sqlite\.ts|bot\/node\.ts|bot\/node-line-|richmenu\/(images|sync|cli)\.ts|worker\/dev\.ts|db\/import\/(run|fingerprint|marc-read|csv-read|catalogue|d1|target)\.ts/
    expect(inputs.filter((p) => nodeOnly.test(p))).toEqual([])
    // Production never runs the demo: no LINE simulator, no demo library (issue 21).
    const demoOnly = /bot\/simulator\/|db\/seed\/|bot\/demo\.ts|bot\/worker\/demo\.ts/
    expect(inputs.filter((p) => demoOnly.test(p))).toEqual([])
    const external = Object.values(meta.outputs).flatMap((o) =>
      (o.imports ?? []).filter((i) => i.external).map((i) => i.path),
    )
    // marcjs (the catalogue sync's ISO 2709 parser) requires 'stream', and @line/bot-sdk and
    // the ISO 2709 reader 'node:buffer', which nodejs_compat serves. cloudflare:sockets is the
    // SIP2 client's TCP on Workers. (The SIP2 charsets need no iconv-lite, and so no
    // 'string_decoder': sip2/shift-jis.ts.)
    const bare = new Set(['stream', 'buffer', 'string_decoder'])
    const builtins = external.map((p) => (bare.has(p) ? `node:${p}` : p))
    expect([...new Set(builtins)].sort()).toEqual([
      'cloudflare:sockets',
      'node:buffer',
      'node:stream',
    ])
  }, 120_000)

  it('the demo Worker (bot/worker-demo.ts) carries the simulator and the demo library, nothing Node-only', () => {
    const inputs = Object.keys(bundle('bot/worker-demo.ts').inputs)
    expect(inputs.some((p) => p.includes('bot/simulator/'))).toBe(true)
    expect(inputs.some((p) => p.endsWith('bot/demo.ts'))).toBe(true)
    expect(
      inputs.filter((p) => /better-sqlite3|@hono\/node-server|db\/sqlite\.ts/.test(p)),
    ).toEqual([])
  }, 120_000)
})

describe('wrangler.toml', () => {
  it('NOTICE-SLOTS: the cron triggers are the policy slots in UTC plus the catch-up, and the catalogue sync', () => {
    const toml = readFileSync(join(root, 'wrangler.toml'), 'utf8')
    const block = /^crons = \[([\s\S]*?)^\]/m.exec(toml)?.[1] ?? ''
    const crons = [...block.matchAll(/^\s*"([^"]+)"/gm)].map((m) => m[1])
    expect(crons).toEqual([...noticeCrons().map((c) => c.cron), CATALOGUE_SYNC_CRON])
  })
})
