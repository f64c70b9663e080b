/**
 * `npm run dev:worker` (after `npm run build`): bunko under `wrangler dev` (workerd) on
 * loopback, the complete try-it setup on Workers. A Node tool, never imported by the Worker.
 *
 * 1. applies db/migrations to the local D1 (.wrangler/state, git-ignored);
 * 2. bundles the Worker once, as `wrangler deploy` would (.wrangler/dev-bundle);
 * 3. serves that bundle with `wrangler dev` on 127.0.0.1, PUBLIC_URL set to that address and
 *    BUNKO_DEMO=1 (demo mode is never implied);
 * 4. waits for it to answer; its first request loads the demo library into the empty D1;
 * 5. creates the rich menus in the simulator the Worker mounts (as `npm start` does on Node).
 *
 * Every wrangler call runs with WRANGLER_SEND_METRICS=false and XDG_CONFIG_HOME=.config (in
 * the project, git-ignored), so nothing is sent and nothing is written outside the project.
 * The simulator lives in the Worker's memory, so the Worker is not rebuilt on every edit (that
 * would empty the simulator mid-flow): restart this to pick up changes. D1 data stays in
 * .wrangler/state (delete it to start again from the demo library). PORT changes the port.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { messagingApi } from '@line/bot-sdk'
import { DEMO_CHANNEL } from '../config.ts'
import { syncRichMenus } from '../richmenu/sync.ts'

const root = fileURLToPath(new URL('../../', import.meta.url))
const port = Number(process.env.PORT ?? 8787)
const origin = `http://127.0.0.1:${port}`
const wranglerJs = fileURLToPath(
  new URL('../../node_modules/wrangler/bin/wrangler.js', import.meta.url),
)

const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  XDG_CONFIG_HOME: `${root}.config`,
}
mkdirSync(env.XDG_CONFIG_HOME, { recursive: true })

function wrangler(args: string[]): ChildProcess {
  return spawn(process.execPath, [wranglerJs, ...args], { cwd: root, env, stdio: 'inherit' })
}

function finished(child: ChildProcess): Promise<number> {
  return new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))),
  )
}

async function waitUntilUp(child: ChildProcess, timeoutMs = 90_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const res = await fetch(`${origin}/healthz`)
      if (res.ok) return true
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  return false
}

/** Demo mode only: the simulator answers /simulator; with LINE credentials there is none. */
async function syncDemoMenus(): Promise<void> {
  const page = await fetch(`${origin}/simulator`)
  await page.body?.cancel()
  if (!page.ok) return
  // The menus open the LIFF app the Worker is configured with.
  const { liffId } = (await (await fetch(`${origin}/liff/config.json`)).json()) as {
    liffId: string
  }
  const channelAccessToken = DEMO_CHANNEL.accessToken
  await syncRichMenus({
    client: new messagingApi.MessagingApiClient({ channelAccessToken, baseURL: origin }),
    blobClient: new messagingApi.MessagingApiBlobClient({ channelAccessToken, baseURL: origin }),
    liffId,
  })
  console.log(`\nbunko on workerd: open ${origin}/simulator to try it (Ctrl-C stops it)\n`)
}

const migrated = await finished(wrangler(['d1', 'migrations', 'apply', 'DB', '--local']))
if (migrated !== 0) process.exit(migrated)

const bundleDir = '.wrangler/dev-bundle'
// The demo Worker (bot/worker-demo.ts): the production one (wrangler.toml's main) has no simulator.
const bundled = await finished(
  wrangler(['deploy', 'bot/worker-demo.ts', '--dry-run', '--outdir', bundleDir]),
)
if (bundled !== 0) process.exit(bundled)

const dev = wrangler([
  'dev',
  `${bundleDir}/worker-demo.js`,
  '--no-bundle',
  '--ip',
  '127.0.0.1',
  '--port',
  String(port),
  '--var',
  `PUBLIC_URL:${origin}`,
  // Demo mode is explicit (bot/config.ts): this local try-out is one.
  '--var',
  'BUNKO_DEMO:1',
])
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    dev.kill(signal)
  })

if (await waitUntilUp(dev)) {
  try {
    await syncDemoMenus()
  } catch (err) {
    console.error(`dev:worker: rich menus not created: ${err instanceof Error ? err.message : err}`)
  }
}
process.exit(await finished(dev))
