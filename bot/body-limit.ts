/**
 * Hono's bodyLimit, without its cost on Node for requests that declare their size. bodyLimit
 * looks at `raw.body` first, and on Node that makes @hono/node-server build a whole web
 * Request (streams, an AbortSignal) for every request, a GET included: the largest single
 * cost of a small request there. A request with no body (GET, HEAD) passes; a declared
 * Content-Length is checked from the header; only a chunked body goes through bodyLimit, which
 * counts it as it arrives. The same answers as bodyLimit, on Node and Workers alike.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'

export function declaredBodyLimit(options: {
  maxSize: number
  onError?: (c: Context) => Response | Promise<Response>
}): MiddlewareHandler {
  const counted = bodyLimit(options)
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
    const declared = c.req.header('content-length')
    if (declared === undefined || c.req.header('transfer-encoding') !== undefined)
      return counted(c, next)
    if (Number(declared) <= options.maxSize) return next()
    return options.onError ? options.onError(c) : counted(c, next)
  }
}
