/**
 * What `npm run bench:liff` (test/bench/liff.ts) reads from and does to an open page beside
 * timing it: `--steps`' account of the critical path, the pause before each timed open, and
 * the service workers stopped (and the page checked answered by its worker) for the warm card
 * a patron's later open finds.
 */
import type { BrowserContext, Page } from 'playwright-core'

/**
 * `--steps`: the open's critical path as the page saw it, in ms from navigation start: the
 * page (service worker start, request, response), each request's start and end, and the
 * app's marks (script start, the kept card drawn early, LIFF's session, the card drawn).
 */
export async function stepsOf(page: Page): Promise<string> {
  const rows = await page.evaluate(() => {
    const out: [number, number, string][] = []
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
    if (nav.workerStart > 0) out.push([nav.workerStart, nav.fetchStart, 'service worker start'])
    out.push([nav.fetchStart, nav.responseEnd, `page (${nav.transferSize} B over the network)`])
    for (const r of performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      out.push([r.startTime, r.responseEnd, new URL(r.name).pathname.replace(/^.*\//, '')])
    for (const m of performance.getEntriesByType('mark'))
      out.push([m.startTime, m.startTime, m.name])
    const barcode = (window as unknown as Record<string, number>).__benchBarcode
    if (barcode !== undefined) out.push([barcode, barcode, 'barcode in the document'])
    return out.sort((a, b) => a[0] - b[0])
  })
  return rows
    .map(([from, to, what]) =>
      from === to
        ? `  ${Math.round(from).toString().padStart(5)}        ${what}`
        : `  ${Math.round(from).toString().padStart(5)}–${Math.round(to).toString().padEnd(5)} ${what}`,
    )
    .join('\n')
}

/**
 * Stops every service worker (DevTools' ServiceWorker domain), as an idle browser does, and
 * waits until DevTools reports each version stopped.
 */
export async function stopWorkers(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page)
  const running = new Set<string>()
  let settle: () => void = () => {}
  const stopped = new Promise<void>((resolve) => (settle = resolve))
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions)
      if (v.runningStatus === 'stopped') running.delete(v.versionId)
      else running.add(v.versionId)
    if (running.size === 0) settle()
  })
  await cdp.send('ServiceWorker.enable')
  await cdp.send('ServiceWorker.stopAllWorkers')
  const late = setTimeout(() => settle(), 5000)
  await stopped
  clearTimeout(late)
  await cdp.detach()
  if (running.size > 0) throw new Error('a service worker did not stop')
}

/** The page was answered by its worker (started again for it), not by the network. */
export async function assertWorkerStarted(page: Page): Promise<void> {
  const start = await page.evaluate(
    () =>
      (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).workerStart,
  )
  if (!(start > 0)) throw new Error('the card was not answered by its service worker')
}

/** How long each timed open waits on about:blank first (blank). */
export const SETTLE_MS = 300

/**
 * Before each timed open: the page leaves for about:blank and waits there a moment, as a
 * patron's next open comes seconds at least after the last. Opened at once instead (as until
 * 2026-12-06), the timed open started while the last page was still being torn down, and the
 * floors shared that.
 */
export async function blank(page: Page): Promise<void> {
  await page.goto('about:blank')
  await page.waitForTimeout(SETTLE_MS)
}
