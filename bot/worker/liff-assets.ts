/**
 * The LIFF app's files come from the static assets (dist/liff, built by `npm run build`)
 * before the Worker runs. What reaches the Worker under /liff/ is /liff/config.json (answered
 * by the app), the app's page /liff/ itself (wrangler.toml run_worker_first, so it gets its
 * Content-Security-Policy from the app), or a client-side route such as /liff/holds, which
 * gets the app's page: index.html with config inline (bot/liff-page.ts). A missing file (a name with an extension) stays a 404 rather than HTML.
 */
import type { Context } from 'hono'
import type { Config } from '../config.ts'
import { liffPageResponse, liffPages } from '../liff-page.ts'
import type { AssetsBinding } from './env.ts'

/** The page is answered with config inline and its CSP (bot/liff-page.ts), as on Node. */
export function liffFallback(assets: AssetsBinding | undefined, config: Config) {
  const pages = liffPages(config)
  return async (c: Context) => {
    const last = c.req.path.split('/').pop() ?? ''
    if (!assets || last.includes('.')) return c.notFound()
    // The folder, not /liff/index.html: with html_handling = "auto-trailing-slash" the assets
    // answer index.html with a redirect to /liff/, which (run_worker_first) comes back here.
    const index = await assets.fetch(new Request(new URL('/liff/', c.req.url)))
    if (!index.ok) return new Response(index.body, { status: index.status, headers: index.headers })
    return liffPageResponse(await pages(await index.text()))
  }
}
