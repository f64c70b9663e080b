/**
 * The LIFF app's budget (issue 6, item 4), reported from the build, not asserted in a test:
 *  - the app's own JavaScript, gzipped (budget 30 KB), excluding the LIFF SDK;
 *  - the LIFF SDK chunk gzipped (the pluggable core plus only the modules the app installs);
 *  - the barcode reader chunk (@zxing, issue 19's ISBN scan), apart: it loads only when a scan
 *    falls back to the app's own camera reader (no liff.scanCodeV2) or in the simulator;
 *  - time from script start to barcode drawn with cached data, in Chromium (median of loads),
 *    as measured by the app itself (`window.__bunkoCardDrawnMs`, see src/pages/Card.tsx).
 *
 * Run: `npm run build && tsx liff/budget.ts` (builds first if dist/liff is missing).
 * Options: `--loads N` (default 15), `--dir PATH` (default dist/liff).
 * Exits 1 when the app's own JavaScript is over budget.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import type { Page } from 'playwright-core'
import type { Me } from './api-types.ts'
import { launchChromium } from './tools/chromium.ts'
import { buildApp, serveApp } from './tools/serve.ts'

const APP_BUDGET = 30 * 1024

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name)
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback
}

const dir = arg('--dir', fileURLToPath(new URL('../dist/liff', import.meta.url)))
const loads = Number(arg('--loads', '15'))

type Kind = 'app' | 'liff-sdk' | 'liff-mock' | 'css' | 'reader'

function kindOf(file: string): Kind {
  if (file.endsWith('.css')) return 'css'
  if (file.startsWith('liff-sdk-')) return 'liff-sdk'
  if (file.startsWith('liff-mock-')) return 'liff-mock'
  if (file.startsWith('zxing-')) return 'reader'
  return 'app'
}

function sizes(): Record<Kind, { raw: number; gzip: number; files: string[] }> {
  const out = {
    app: { raw: 0, gzip: 0, files: [] as string[] },
    'liff-sdk': { raw: 0, gzip: 0, files: [] as string[] },
    'liff-mock': { raw: 0, gzip: 0, files: [] as string[] },
    css: { raw: 0, gzip: 0, files: [] as string[] },
    reader: { raw: 0, gzip: 0, files: [] as string[] },
  }
  for (const file of readdirSync(join(dir, 'assets'))) {
    if (!/\.(js|css)$/.test(file)) continue
    const bytes = readFileSync(join(dir, 'assets', file))
    const k = out[kindOf(file)]
    k.raw += bytes.length
    k.gzip += gzipSync(bytes, { level: 9 }).length
    k.files.push(file)
  }
  return out
}

/** Kept for simulator user U1 (the URL names U1), so it may be drawn before LIFF starts. */
const CARD: Pick<Me, 'patronNumber' | 'name' | 'barcode' | 'libraryName'> & { owner: string } = {
  patronNumber: '2100012345',
  name: '枚方 花子',
  barcode: { symbology: 'codabar', start: 'A', stop: 'A' },
  libraryName: '枚方市立図書館',
  owner: 'U1',
}

/** One open of the card with the card cached and the network never answering. */
async function drawTime(page: Page, url: string): Promise<{ script: number; nav: number }> {
  await page.goto(url)
  await page.waitForFunction(() => window.__bunkoCardDrawnMs !== undefined)
  return page.evaluate(() => ({
    script: window.__bunkoCardDrawnMs ?? Number.NaN,
    nav: performance.getEntriesByName('bunko:card-drawn')[0]?.startTime ?? Number.NaN,
  }))
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2
}

async function timings(cpuSlowdown: number) {
  const served = await serveApp(dir)
  const browser = await launchChromium()
  try {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 2,
    })
    // The second and later opens: the card is on the phone; LIFF config and the API stall.
    await context.addInitScript((card) => {
      localStorage.setItem('bunko.card.v1', JSON.stringify(card))
    }, CARD)
    await context.route('**/liff/config.json', () => new Promise(() => {}))
    await context.route(
      (u) => u.pathname.startsWith('/api/'),
      () => new Promise(() => {}),
    )
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown })
    const url = `${served.origin}/liff/card?simUserId=U1`
    const first = await drawTime(page, url) // cold HTTP cache
    const runs: { script: number; nav: number }[] = []
    for (let i = 0; i < loads; i++) runs.push(await drawTime(page, url))
    return {
      cold: first,
      script: median(runs.map((r) => r.script)),
      nav: median(runs.map((r) => r.nav)),
    }
  } finally {
    await browser.close()
    await served.close()
  }
}

/**
 * What a first open of the card fetches before it can draw: the page's module script and
 * its modulepreloads (the entry, the LIFF chunks), gzipped. Reported, not budgeted: the
 * budget above counts all of the app's own chunks, lazy pages included.
 */
function cardPath(): { gzip: number; files: string[] } {
  const html = readFileSync(join(dir, 'index.html'), 'utf8')
  const files = [...html.matchAll(/(?:src|href)="\/liff\/assets\/([\w.-]+\.js)"/g)].map(
    (m) => m[1] ?? '',
  )
  const gzip = files.reduce(
    (n, f) => n + gzipSync(readFileSync(join(dir, 'assets', f)), { level: 9 }).length,
    0,
  )
  return { gzip, files }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`
const ms = (n: number) => `${n.toFixed(1)} ms`

if (!existsSync(join(dir, 'index.html'))) {
  console.log(`No build in ${dir}; building…`)
  await buildApp(dir)
}
const s = sizes()
console.log('bunko LIFF budget')
console.log(
  `  app's own JS     ${kb(s.app.gzip)} gzip (${kb(s.app.raw)} raw)  budget ${kb(APP_BUDGET)}  ${s.app.files.join(', ')}`,
)
console.log(
  `  LIFF SDK chunk   ${kb(s['liff-sdk'].gzip)} gzip (${kb(s['liff-sdk'].raw)} raw)  ${s['liff-sdk'].files.join(', ')}`,
)
console.log(
  `  liff-mock chunk  ${kb(s['liff-mock'].gzip)} gzip (simulator/tests only, loaded in mock mode)`,
)
console.log(
  `  reader chunk     ${kb(s.reader.gzip)} gzip (ISBN scan's camera fallback and simulator only, loaded on demand)`,
)
console.log(`  CSS              ${kb(s.css.gzip)} gzip`)
const path = cardPath()
console.log(
  `  card's first open fetches ${kb(path.gzip)} gzip of JS (${path.files.join(', ')}; liff-mock too in demo mode)`,
)
for (const rate of [1, 4]) {
  const t = await timings(rate)
  console.log(
    `  card drawn from cache, CPU ${rate}x: script start → drawn median ${ms(t.script)}` +
      ` (navigation → drawn ${ms(t.nav)}; first, cold cache: ${ms(t.cold.script)} / ${ms(t.cold.nav)}), ${loads} loads`,
  )
}
if (s.app.gzip > APP_BUDGET) {
  console.error(`OVER BUDGET: app JS ${kb(s.app.gzip)} > ${kb(APP_BUDGET)}`)
  process.exit(1)
}
