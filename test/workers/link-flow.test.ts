/**
 * Demo mode on Workers: the LINE simulator mounted in the same Worker, webhooks delivered
 * in-process, the demo library loaded into an empty D1 by the first request. The whole
 * account-link flow (LINE-LINK) runs through the Worker's fetch, as `wrangler dev` serves it.
 */
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { DEMO_USERS } from '../../bot/simulator/index.ts'
import { bunkoFor } from '../../bot/worker/build.ts'
import { WORKER_DEMO } from '../../bot/worker/demo.ts'
import { lineUser, linkThroughWorker, send, workerEnv } from './worker-harness.ts'

const wenv = workerEnv('W_LINK')
const [hanako, kenta] = DEMO_USERS

async function linkedPatron(userId: string): Promise<string | null> {
  const rows = await bunkoFor(wenv, WORKER_DEMO).deps.db.all<{ number: string }>(
    sql`SELECT p.number FROM line_links k JOIN patrons p ON p.id = k.patron_id
      WHERE k.line_user_id = ${userId}`,
  )
  return rows[0]?.number ?? null
}

describe('Workers demo mode', () => {
  it('serves the simulator and the demo library from one Worker', async () => {
    const page = await send(wenv, '/simulator')
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<html')
    const places = await bunkoFor(wenv, WORKER_DEMO).deps.db.all<{ n: number }>(
      sql`SELECT count(*) AS n FROM places`,
    )
    expect(places[0]?.n).toBeGreaterThan(0)
    const config = await (await send(wenv, '/liff/config.json')).json()
    expect(config).toMatchObject({ mock: true, simulatorOrigin: 'http://bunko.test' })
  })

  it('LINE-LINK: follow → アカウント連携 → link page → dialog → accountLink links the patron', async () => {
    const user = lineUser(wenv, hanako!.userId)
    await user.follow()
    expect((await user.botTexts()).join()).toContain('アカウント連携')
    const { signed, dialog } = await linkThroughWorker(
      wenv,
      hanako!.userId,
      '1000000001',
      'hanako-0001',
    )
    expect(signed.res.status).toBe(303)
    expect(signed.res.headers.get('location')).toMatch(
      /^http:\/\/bunko\.test\/dialog\/bot\/accountLink\?linkToken=[^&]+&nonce=/,
    )
    expect(dialog?.status).toBe(200)
    expect((await user.botTexts()).at(-1)).toContain('アカウント連携が完了しました')
    expect(await linkedPatron(hanako!.userId)).toBe('1000000001')
  })

  it('ACC-SECRET: a wrong password links nothing and the dialog is never reached', async () => {
    const user = lineUser(wenv, kenta!.userId)
    await user.follow()
    const { signed, dialog } = await linkThroughWorker(
      wenv,
      kenta!.userId,
      '1000000002',
      'not-the-password',
    )
    expect(signed.res.status).toBe(400)
    expect(signed.html).toContain('利用者番号またはパスワードが違います')
    expect(dialog).toBeNull()
    expect(await linkedPatron(kenta!.userId)).toBeNull()
  })

  it('NOTICE-NOREPLY: any text gets help, through in-process webhook delivery', async () => {
    const user = lineUser(wenv, kenta!.userId)
    const before = (await user.botTexts()).length
    await user.say('こんにちは')
    expect((await user.botTexts()).length).toBe(before + 1)
  })
})

/** A LIFF ID token the simulator issues for the user, as the LIFF app would send it. */
async function idToken(userId: string): Promise<string> {
  const res = await send(wenv, `/simulator/api/users/${userId}/id-token`)
  return ((await res.json()) as { idToken: string }).idToken
}

const api = (path: string, token?: string) =>
  send(wenv, `/api${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {})

describe('the LIFF API on Workers (after the link above)', () => {
  it('LINE-CARD: /api/me and /api/loans answer the linked patron, never cached', async () => {
    const token = await idToken(hanako!.userId)
    const me = await api('/me', token)
    expect(me.status).toBe(200)
    expect(me.headers.get('cache-control')).toBe('no-store')
    expect(await me.json()).toMatchObject({ patronNumber: '1000000001' })
    const loans = await api('/loans', token)
    expect(loans.status).toBe(200)
    expect(((await loans.json()) as { loans: unknown[] }).loans.length).toBeGreaterThan(0)
  })

  it('no token or a forged one is 401; a LINE user with no link is 403 not_linked', async () => {
    expect((await api('/me')).status).toBe(401)
    const forged = `${(await idToken(hanako!.userId)).slice(0, -4)}AAAA`
    expect((await api('/me', forged)).status).toBe(401)
    const unlinked = await api('/me', await idToken(kenta!.userId))
    expect(unlinked.status).toBe(403)
    expect(await unlinked.json()).toMatchObject({ code: 'not_linked' })
  })
})
