/**
 * POST /webhook: LINE's events arrive here. The signature is checked over the raw bytes
 * before anything is parsed; a bad or missing one gets 401 and nothing else happens.
 * Good requests are answered 200 at once and processed after answering, so a slow LINE
 * API or database never makes LINE's delivery time out and redeliver.
 */
import type { webhook } from '@line/bot-sdk'
import { type Context, Hono } from 'hono'
import { errorName, type Log } from '../log.ts'
import { type SignatureCheck, verifySignature } from './signature.ts'

/** A verified request's size and how long it took to answer, for the staff statistics. */
export interface WebhookTiming {
  events: number
  ms: number
}

export interface WebhookOptions {
  channelSecret: string
  /** Largest body accepted, in bytes; LINE's own requests are far smaller. */
  bodyLimit: number
  /**
   * Handles one verified request's events and counts it with its timing (both in one write:
   * bot/events/handle.ts); runs after the 200 has been sent.
   */
  handle: (body: webhook.CallbackRequest, timing: WebhookTiming) => Promise<void>
  /** Runs `task` after the response: waitUntil on Workers, a tracked promise on Node. */
  defer: (c: Context, task: Promise<unknown>) => void
  /** The signature check; WebCrypto's unless the runtime has a cheaper one (AppDeps). */
  verify?: SignatureCheck
  log: Log
}

export function webhookRoute(opts: WebhookOptions): Hono {
  const app = new Hono()
  app.post('/', async (c) => {
    const started = performance.now()
    const declared = Number(c.req.header('content-length') ?? '0')
    if (declared > opts.bodyLimit) return c.json({ message: 'Payload Too Large' }, 413)
    // LINE sends Content-Length: with it (already checked) the body is read in one go;
    // without it, the stream is read and abandoned as soon as it passes the limit.
    const raw = c.req.header('content-length')
      ? new Uint8Array(await c.req.arrayBuffer())
      : await readLimited(c.req.raw, opts.bodyLimit)
    if (!raw) return c.json({ message: 'Payload Too Large' }, 413)
    const verify = opts.verify ?? verifySignature
    if (!(await verify(opts.channelSecret, raw, c.req.header('x-line-signature')))) {
      opts.log.warn('webhook.bad_signature', { bytes: raw.byteLength })
      return c.json({ message: 'Invalid signature' }, 401)
    }
    const body = parseBody(raw)
    if (!body) return c.json({ message: 'Invalid body' }, 400)
    // The console's "Verify" button sends a signed request with no events: answer 200. It is
    // not LINE traffic, so it is neither handled nor counted.
    if (body.events.length > 0) {
      const timing = { events: body.events.length, ms: Math.round(performance.now() - started) }
      opts.defer(
        c,
        opts.handle(body, timing).catch((err: unknown) => {
          opts.log.error('webhook.handle_failed', { error: errorName(err) })
        }),
      )
    }
    return c.json({})
  })
  return app
}

/** Read the body, giving up (null) as soon as it passes `limit` bytes. */
async function readLimited(req: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!req.body) return new Uint8Array(0)
  const reader = req.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel()
      return null
    }
    chunks.push(value)
  }
  const out = new Uint8Array(size)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.byteLength
  }
  return out
}

function parseBody(raw: Uint8Array): webhook.CallbackRequest | null {
  try {
    const body = JSON.parse(new TextDecoder().decode(raw)) as unknown
    if (typeof body !== 'object' || body === null) return null
    const events = (body as { events?: unknown }).events
    if (!Array.isArray(events)) return null
    return body as webhook.CallbackRequest
  } catch {
    return null
  }
}
