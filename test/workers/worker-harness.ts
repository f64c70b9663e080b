/**
 * Drives the Worker as Cloudflare does: `fetch`, `scheduled` and `queue` from the demo Worker
 * (bot/worker-demo.ts: bot/worker.ts plus demo mode, so tests without LINE secrets can run)
 * with an env built here (the test's own D1 as DB, plus variables) and a real workerd
 * ExecutionContext whose waitUntil work the test waits for. A browser with a cookie jar and
 * the simulator's user actions also go through the Worker's fetch.
 */
import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import type { D1Database } from '@cloudflare/workers-types/index.ts'
import { expect } from 'vitest'
import type { WorkerEnv } from '../../bot/worker/env.ts'
import worker from '../../bot/worker-demo.ts'

export const ORIGIN = 'http://bunko.test'

/** The Worker's env for one test file: its own database and the given variables. */
export function workerEnv(database: string, vars: Record<string, unknown> = {}): WorkerEnv {
  // Demo mode is explicit: a test that gives LINE secrets runs as production.
  const demo = 'LINE_CHANNEL_SECRET' in vars ? {} : { BUNKO_DEMO: '1' }
  // These tests run on the wall clock: without this, a run between 03:00 and 04:00 Japan time
  // (18:00–19:00 UTC) would meet the nightly maintenance window and every chat would answer
  // with the maintenance notice. A test of the window itself passes its own BUNKO_POLICY.
  const policy = { BUNKO_POLICY: JSON.stringify({ maintenance: { minutes: 0 } }) }
  return {
    DB: env[database] as D1Database,
    PUBLIC_URL: ORIGIN,
    ...policy,
    ...demo,
    ...vars,
  } as WorkerEnv
}

/** One request through the Worker's fetch; resolves after its waitUntil work is done. */
export async function send(wenv: WorkerEnv, path: string, init?: RequestInit): Promise<Response> {
  const ctx = createExecutionContext()
  const res = await worker.fetch(new Request(new URL(path, ORIGIN), init), wenv, ctx)
  await waitOnExecutionContext(ctx)
  return res
}

/** One cron invocation, waited for to the end (as the runtime keeps it alive). */
export async function cron(wenv: WorkerEnv, at = Date.now(), expression = '0 1 * * *') {
  const controller = createScheduledController({ scheduledTime: at, cron: expression })
  const ctx = createExecutionContext()
  await worker.scheduled(controller, wenv, ctx)
  await waitOnExecutionContext(ctx)
}

/** One queue delivery of `bodies` to the consumer; returns the acknowledged count. */
export async function deliverQueue(wenv: WorkerEnv, bodies: unknown[]): Promise<number> {
  let acked = 0
  const messages = bodies.map((body) => ({
    body,
    ack: () => {
      acked++
    },
    retry: () => {},
  }))
  await worker.queue({ messages }, wenv)
  return acked
}

/** A browser with a cookie jar, enough for the server-rendered forms. */
export function browser(wenv: WorkerEnv) {
  const cookies = new Map<string, string>()
  const go = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers)
    headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '))
    const res = await send(wenv, path, { ...init, headers, redirect: 'manual' })
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';')
      const [name, value] = (pair ?? '').split('=')
      if (name) cookies.set(name, value ?? '')
    }
    return { res, html: await res.text() }
  }
  return {
    get: (path: string) => go(path),
    post: (path: string, form: Record<string, string>) =>
      go(path, {
        method: 'POST',
        body: new URLSearchParams(form),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
  }
}

export function hidden(html: string, name: string): string {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)
  return (m?.[1] ?? '').replace(/&amp;/g, '&')
}

interface ChatEntry {
  from: 'user' | 'bot'
  message: Record<string, unknown>
}

/** The simulated LINE user, acting through the simulator's page API on the Worker. */
export function lineUser(wenv: WorkerEnv, userId: string) {
  const act = async (what: string, body?: unknown) => {
    const res = await send(wenv, `/simulator/api/users/${userId}/${what}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    })
    expect(res.status, `simulator ${what}`).toBe(200)
  }
  return {
    follow: () => act('follow'),
    say: (text: string) => act('messages', { text }),
    postback: (data: string) => act('postback', { data }),
    async chat(): Promise<ChatEntry[]> {
      const res = await send(wenv, `/simulator/api/users/${userId}/chat`)
      return ((await res.json()) as { entries: ChatEntry[] }).entries
    },
    async botTexts(): Promise<string[]> {
      return (await this.chat()).filter((e) => e.from === 'bot').map((e) => JSON.stringify(e))
    },
  }
}

/**
 * LINE's account-link flow for a patron, as the patron goes through it: アカウント連携 →
 * the button's link page → number and password → LINE's dialog → the accountLink event.
 * Returns the link page's answer and the dialog's status.
 */
export async function linkThroughWorker(
  wenv: WorkerEnv,
  userId: string,
  number: string,
  password: string,
) {
  const user = lineUser(wenv, userId)
  const before = (await user.chat()).length
  await user.postback('action=link')
  const reply = (await user.chat()).slice(before).find((e) => e.from === 'bot')?.message as {
    template?: { actions?: { uri?: string }[] }
  }
  const uri = reply?.template?.actions?.[0]?.uri ?? ''
  expect(uri, 'the link button').toMatch(/^http:\/\/bunko\.test\/link\?linkToken=/)
  const page = browser(wenv)
  const form = await page.get(uri)
  expect(form.res.status).toBe(200)
  const signed = await page.post('/link', {
    linkToken: hidden(form.html, 'linkToken'),
    state: hidden(form.html, 'state'),
    csrf: hidden(form.html, 'csrf'),
    number,
    password,
  })
  if (signed.res.status !== 303) return { signed, dialog: null }
  const dialogUrl = new URL(signed.res.headers.get('location') ?? '')
  dialogUrl.searchParams.set('simUserId', userId)
  // LINE's dialog asks first; 許可する links.
  const asked = await send(wenv, dialogUrl.pathname + dialogUrl.search)
  if (asked.status !== 200) return { signed, dialog: asked }
  const dialog = await send(wenv, dialogUrl.pathname + dialogUrl.search, {
    method: 'POST',
    body: new URLSearchParams({ choice: 'allow' }),
  })
  return { signed, dialog }
}
