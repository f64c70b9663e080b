/**
 * The LIFF app's files come from the static assets (dist/liff, built by `npm run build`)
 * before the Worker runs. What reaches the Worker under /liff/ is /liff/config.json (answered
 * by the app), the app's page /liff/ itself (wrangler.toml run_worker_first, so it gets its
 * Content-Security-Policy from the app), or a client-side route such as /liff/holds, which
 * gets the app's index.html. A missing file (a name with an extension) stays a 404 rather than HTML.
 */
import type { Context } from 'hono'
import type { AssetsBinding } from './env.ts'

export function liffFallback(assets: AssetsBinding | undefined) {
  return async (c: Context) => {
    const last = c.req.path.split('/').pop() ?? ''
    if (!assets || last.includes('.')) return c.notFound()
    // The folder, not /liff/index.html: with html_handling = "auto-trailing-slash" the assets
    // answer index.html with a redirect to /liff/, which (run_worker_first) comes back here.
    const index = await assets.fetch(new Request(new URL('/liff/', c.req.url)))
    return new Response(index.body, { status: index.status, headers: index.headers })
  }
}
