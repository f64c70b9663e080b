/**
 * The LIFF app's files come from the static assets (dist/liff, built by `npm run build`)
 * before the Worker runs. What reaches the Worker under /liff/ is either /liff/config.json
 * (answered by the app) or a client-side route such as /liff/holds, which gets the app's
 * index.html. A missing file (a name with an extension) stays a 404 rather than HTML.
 */
import type { Context } from 'hono'
import type { AssetsBinding } from './env.ts'

export function liffFallback(assets: AssetsBinding | undefined) {
  return async (c: Context) => {
    const last = c.req.path.split('/').pop() ?? ''
    if (!assets || last.includes('.')) return c.notFound()
    const index = await assets.fetch(new Request(new URL('/liff/index.html', c.req.url)))
    return new Response(index.body, { status: index.status, headers: index.headers })
  }
}
