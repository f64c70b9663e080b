/**
 * What wraps every Messaging API call: a request ID on each answer, the record tests read,
 * housekeeping (expired tokens, rich menu batches that are due), injected faults, LINE's 2 MB
 * body cap, bearer-token auth and the per-endpoint rate limit.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { declaredBodyLimit } from '../../body-limit.ts'
import { MESSAGES } from '../errors.ts'
import { requestId } from '../ids.ts'
import { settleRichMenuBatches } from '../richmenu-batch.ts'
import { keep, nextSeq, type SimulatorState, sweepExpired } from '../state.ts'
import type { FaultRule, RecordedCall } from '../types.ts'

export type SimEnv = { Variables: { requestId: string; call: RecordedCall } }

const RECORDED_HEADERS = ['content-type', 'x-line-retry-key', 'user-agent']

/** Give the call a request ID, record it, and note the final status once answered. */
export function recordCalls(state: SimulatorState): MiddlewareHandler<SimEnv> {
  return async (c, next) => {
    const id = requestId()
    // c.req.path is Hono's own (no URL object per call); the query is the rest of the string.
    const url = c.req.url
    const q = url.indexOf('?')
    const headers: Record<string, string> = {}
    for (const name of RECORDED_HEADERS) {
      const v = c.req.header(name)
      if (v !== undefined) headers[name] = v
    }
    const auth = c.req.header('authorization')
    if (auth !== undefined)
      headers.authorization =
        auth === `Bearer ${state.channelAccessToken}` ? 'Bearer (valid)' : 'Bearer (invalid)'
    const call: RecordedCall = {
      seq: nextSeq(state),
      at: state.clock(),
      method: c.req.method,
      path: c.req.path,
      query: q < 0 || q === url.length - 1 ? '' : url.slice(q),
      status: 0,
      requestId: id,
      headers,
      body: undefined,
    }
    keep(state.calls, call)
    sweepExpired(state)
    settleRichMenuBatches(state)
    c.set('requestId', id)
    c.set('call', call)
    await next()
    c.res.headers.set('x-line-request-id', id)
    call.status = c.res.status
  }
}

/** Keep a readable copy of the body on the record (after the size check has passed). */
export function recordBody(): MiddlewareHandler<SimEnv> {
  return async (c, next) => {
    if (c.req.method === 'POST' || c.req.method === 'PUT') {
      const type = c.req.header('content-type') ?? ''
      const bytes = new Uint8Array(await c.req.arrayBuffer())
      const call = c.get('call')
      if (type.startsWith('application/json')) {
        try {
          call.body = JSON.parse(new TextDecoder().decode(bytes))
        } catch {
          call.body = new TextDecoder().decode(bytes)
        }
      } else if (type.startsWith('application/x-www-form-urlencoded')) {
        call.body = Object.fromEntries(new URLSearchParams(new TextDecoder().decode(bytes)))
      } else if (bytes.length > 0) {
        call.body = { bytes: bytes.length, contentType: type }
      }
    }
    await next()
  }
}

/** LINE's body cap (a declared length is read from the header: bot/body-limit.ts says why). */
export function limitBody(state: SimulatorState): MiddlewareHandler<SimEnv> {
  return declaredBodyLimit({
    maxSize: state.limits.maxBodyBytes,
    onError: (c) => c.json({ message: MESSAGES.tooLarge }, 413),
  })
}

export function requireBearer(state: SimulatorState): MiddlewareHandler<SimEnv> {
  return async (c, next) => {
    const auth = c.req.header('authorization')
    if (!auth?.startsWith('Bearer ')) return c.json({ message: MESSAGES.authRequired }, 401)
    if (auth.slice(7) !== state.channelAccessToken)
      return c.json({ message: MESSAGES.authFailed }, 401)
    await next()
  }
}

/** A fixed window per `METHOD route`, standing in for LINE's per-endpoint rate limits. */
export function rateLimit(state: SimulatorState): MiddlewareHandler<SimEnv> {
  return async (c, next) => {
    const limit = state.limits.rateLimit
    if (limit) {
      const key = `${c.req.method} ${endpointOf(c.req.path)}`
      const now = state.clock()
      const w = state.rateWindows.get(key)
      if (!w || now - w.start >= limit.windowMs)
        state.rateWindows.set(key, { start: now, count: 1 })
      else if (++w.count > limit.requests) return c.json({ message: MESSAGES.rateLimit }, 429)
    }
    await next()
  }
}

/** The path with IDs blanked, so `/v2/bot/profile/U1…` and `/v2/bot/profile/U2…` share a limit. */
function endpointOf(path: string): string {
  return path.replace(/\/(U[0-9a-f]{32}|richmenu-[0-9a-f]{32}|\d+)(?=\/|$)/g, '/:id')
}

export function faultMatches(rule: FaultRule, method: string, path: string): boolean {
  const target = `${method} ${path}`
  if (rule.match instanceof RegExp) return rule.match.test(target)
  const [m, p] = rule.match.includes(' ') ? rule.match.split(' ', 2) : ['*', rule.match]
  const escaped = (p ?? '').replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')
  return (m === '*' || m?.toUpperCase() === method) && new RegExp(`^${escaped}$`).test(path)
}

/** Pick the first applicable fault for this call, using up one of its `times`. */
function takeFault(state: SimulatorState, method: string, path: string): FaultRule | undefined {
  for (const rule of state.faults) {
    if (!faultMatches(rule, method, path)) continue
    if (rule.probability !== undefined && state.random() >= rule.probability) continue
    if (rule.times !== undefined) {
      rule.times -= 1
      if (rule.times <= 0) state.faults.splice(state.faults.indexOf(rule), 1)
    }
    return rule
  }
  return undefined
}

function faultResponse(c: Context<SimEnv>, status: number): Response {
  const message =
    status === 429 ? MESSAGES.rateLimit : status >= 500 ? MESSAGES.internal : 'Simulated fault'
  return c.json({ message }, status as 500)
}

export function injectFaults(state: SimulatorState): MiddlewareHandler<SimEnv> {
  return async (c, next) => {
    const rule = takeFault(state, c.req.method, c.req.path)
    if (!rule) return next()
    c.get('call').fault = typeof rule.match === 'string' ? rule.match : String(rule.match)
    if (rule.delayMs) await new Promise((r) => setTimeout(r, rule.delayMs))
    if (rule.status === undefined) return next()
    if (!rule.afterProcessing) return faultResponse(c, rule.status)
    await next()
    c.res = faultResponse(c, rule.status)
  }
}
