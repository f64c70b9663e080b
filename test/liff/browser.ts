/**
 * Browser-test harness: the BUILT app served from a temp dir, Debian Chromium at phone width,
 * and every network call the app makes answered in the browser: /liff/config.json (mock mode),
 * the simulator's ID-token endpoint and /api/* (the fake library, typed by the contract).
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Page, Route } from 'playwright-core'
import type { LiffConfig } from '../../liff/api-types.ts'
import { launchChromium } from '../../liff/tools/chromium.ts'
import { buildApp, type Served, serveApp } from '../../liff/tools/serve.ts'
import { FakeLibrary } from './fake-api.ts'
import { TOKEN } from './fixtures.ts'

export interface Harness {
  browser: Browser
  served: Served
  close(): Promise<void>
}

export async function startHarness(): Promise<Harness> {
  const [dir, browser] = await Promise.all([buildApp(), launchChromium()])
  const served = await serveApp(dir)
  return {
    browser,
    served,
    close: async () => {
      await browser.close()
      await served.close()
    },
  }
}

export interface Opened {
  context: BrowserContext
  page: Page
  fake: FakeLibrary
  /** While true, config.json and /api/* are left unanswered (the network is "slow"). */
  stall: { on: boolean }
}

/** A phone-sized context with the app's network answered by `fake`. */
export async function openContext(h: Harness, fake = new FakeLibrary()): Promise<Opened> {
  const context = await h.browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    locale: 'ja-JP',
  })
  const stall = { on: false }
  const hold = () => new Promise<void>(() => {})
  await context.route('**/liff/config.json', async (route) => {
    if (stall.on) return hold()
    const config: LiffConfig = { liffId: 'test-liff', mock: true, simulatorOrigin: h.served.origin }
    await route.fulfill({ json: config })
  })
  await context.route('**/simulator/api/users/*/id-token', (route) =>
    route.fulfill({ json: { idToken: TOKEN } }),
  )
  await context.route(
    (url) => url.pathname.startsWith('/api/'),
    async (route) => {
      if (stall.on) return hold()
      await answer(route, fake)
    },
  )
  const page = await context.newPage()
  return { context, page, fake, stall }
}

async function answer(route: Route, fake: FakeLibrary): Promise<void> {
  const req = route.request()
  const body = req.postData()
  const res = await fake.handle(
    new Request(req.url(), {
      method: req.method(),
      headers: await req.allHeaders(),
      body: body && !['GET', 'HEAD'].includes(req.method()) ? body : null,
    }),
  )
  await route.fulfill({
    status: res.status,
    headers: Object.fromEntries(res.headers),
    body: Buffer.from(await res.arrayBuffer()),
  })
}

/** The app at `route` (hash), as the simulator opens it for user U1. */
export function appUrl(h: Harness, route: string): string {
  return `${h.served.origin}/liff/?simUserId=U1#/${route}`
}

const AXE = readFileSync(
  fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)),
  'utf8',
)

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[]; failureSummary?: string }[]
}

/** axe-core over the whole page (WCAG 2.x A/AA and best practice), violations only. */
export async function axe(page: Page): Promise<AxeViolation[]> {
  // Hash routes keep the document, so axe is injected once per page load. Evaluated rather
  // than added as an inline <script>, which the pages' CSP (script-src 'self') refuses.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE)
  return page.evaluate(async () => {
    const w = window as unknown as {
      axe: {
        run(ctx: Document, o: object): Promise<{ violations: AxeViolation[] }>
      }
    }
    const r = await w.axe.run(document, { resultTypes: ['violations'] })
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }))
  })
}
