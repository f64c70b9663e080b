/**
 * One whole bunko and one Debian Chromium per e2e file: the LIFF app is built once into a
 * temp dir (`<root>/liff`, the layout of `dist/`), bunko serves it with the app, the LINE
 * simulator and the demo library on one loopback port (test/support/bunko.ts, the same
 * assembly as `npm start`). Nothing is mocked: the browser talks to the real server.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { SchedulerOptions } from '../../bot/notices/scheduler.ts'
import type { LibrarySystem } from '../../core/library-system.ts'
import { launchChromium } from '../../liff/tools/chromium.ts'
import { buildApp } from '../../liff/tools/serve.ts'
import { linkPatron } from '../bot/link-flow.ts'
import { type Bunko, startBunko } from '../support/bunko.ts'

/** For expect.poll: a loaded CI machine can take seconds where a laptop takes milliseconds. */
export const POLL = { timeout: 10_000 } as const

export interface E2E {
  b: Bunko
  browser: Browser
  close(): Promise<void>
}

export async function startE2E(
  opts: {
    scheduler?: SchedulerOptions
    /** Environment for bunko (e.g. OPAC_URL), as startBunko takes it. */
    env?: Record<string, string>
    /** The library system bunko holds, given the embedded one (startBunko's `library`). */
    library?: (embedded: LibrarySystem) => LibrarySystem
  } = {},
): Promise<E2E> {
  const root = await mkdtemp(join(tmpdir(), 'bunko-e2e-'))
  // Chromium is looked for first: without it the file fails at once with the install hint.
  const browser = await launchChromium()
  try {
    await buildApp(join(root, 'liff'))
    const b = await startBunko({
      staticRoot: root,
      scheduler: opts.scheduler,
      ...(opts.env ? { env: opts.env } : {}),
      ...(opts.library ? { library: opts.library } : {}),
    })
    return {
      b,
      browser,
      close: async () => {
        await browser.close()
        await b.close()
        await rm(root, { recursive: true, force: true })
      },
    }
  } catch (err) {
    await browser.close()
    await rm(root, { recursive: true, force: true })
    throw err
  }
}

export interface Tab {
  context: BrowserContext
  page: Page
  /** Uncaught page errors and console errors, to assert none happened. */
  problems: string[]
}

/** A new context (its own cookies and storage) at phone width, or wider for the try-it page. */
export async function openTab(
  e: E2E,
  viewport: { width: number; height: number } = { width: 360, height: 740 },
): Promise<Tab> {
  const context = await e.browser.newContext({ viewport, locale: 'ja-JP', deviceScaleFactor: 2 })
  const page = await context.newPage()
  page.setDefaultTimeout(10_000)
  const problems: string[] = []
  page.on('pageerror', (err) => problems.push(err.message))
  page.on('console', (m) => {
    // Chromium asks every origin for /favicon.ico; bunko has none, and that is fine.
    const where = m.location().url
    if (m.type() === 'error' && !where.endsWith('/favicon.ico'))
      problems.push(`${m.text()} ${where}`)
  })
  return { context, page, problems }
}

/** The LIFF app at `route`, opened the way the try-it panel opens it for `userId`. */
export function liffUrl(b: Bunko, userId: string, route: string): string {
  return `${b.origin}/liff/?simUserId=${encodeURIComponent(userId)}#/${route}`
}

/** A date as the app writes it, e.g. `2026年12月10日(木)`, from `YYYY-MM-DD`. */
export function jaDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  const weekday = '日月火水木金土'[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]
  return `${y}年${m}月${d}日(${weekday})`
}

/** `YYYY-MM-DD` plus `days`. */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/**
 * 山田 花子 (the demo's 1000000001) on the first simulated LINE user: following the account
 * and linked, as most walks start. Her LINE user id.
 */
export async function linkHanako(e: E2E): Promise<string> {
  const userId = e.b.users[0]!.userId
  await e.b.sim.users.follow(userId)
  await e.b.settled()
  await linkPatron(e.b, userId, '1000000001', 'hanako-0001')
  return userId
}
