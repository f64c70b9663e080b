/**
 * The counter's Post/Redirect/Get on Workers, demo mode (bot/counter/flash.ts): a lend posted
 * to the Worker answers 303, the outcome waits in the D1 session row and is shown once, and
 * a reload of the same URL shows the page without it and lends nothing more.
 */
import type { D1Database } from '@cloudflare/workers-types/index.ts'
import { describe, expect, it } from 'vitest'
import { DEMO_STAFF } from '../../bot/demo.ts'
import { browser, hidden, send, workerEnv } from './worker-harness.ts'

const wenv = workerEnv('W_COUNTER')
const db = wenv.DB as unknown as D1Database

describe('the counter on Workers', () => {
  it('a lend redirects, says 貸し出しました once, and a reload lends nothing', async () => {
    await send(wenv, '/healthz')
    const staff = browser(wenv)
    const form = await staff.get('/counter/sign-in')
    const place = /<option value="(\d+)"/.exec(form.html)?.[1] ?? ''
    const signed = await staff.post('/counter/sign-in', {
      csrf: hidden(form.html, 'csrf'),
      login: DEMO_STAFF.login,
      password: DEMO_STAFF.password,
      place,
    })
    expect(signed.res.status).toBe(303)
    const _csrf = hidden((await staff.get('/counter')).html, '_csrf')
    const called = await staff.post('/counter/patron', { _csrf, number: '1000000001' })
    const patronPage = called.res.headers.get('location') ?? ''
    expect(patronPage).toMatch(/^\/counter\/patrons\/\d+$/)
    const free = await db
      .prepare(`SELECT c.barcode AS barcode FROM copies c JOIN titles t ON t.id = c.title_id
        WHERE c.status = 'on_shelf' AND c.current_place_id = ? AND t.not_for_loan = 0
          AND t.set_id IS NULL AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.title_id = t.id)
        ORDER BY c.id LIMIT 1`)
      .bind(Number(place))
      .first<{ barcode: string }>()
    const loans = async () =>
      (await db.prepare('SELECT count(*) AS n FROM loans').first<{ n: number }>())?.n
    const before = await loans()

    const lent = await staff.post(`${patronPage}/lend`, { _csrf, barcode: free?.barcode ?? '' })
    expect(lent.res.status).toBe(303)
    const to = lent.res.headers.get('location') ?? ''
    expect(to).toMatch(new RegExp(`^${patronPage}\\?done=[A-Za-z0-9_-]{22}$`))
    expect(to).not.toContain('1000000001')
    expect((await staff.get(to)).html).toContain('貸し出しました')
    expect(await loans()).toBe((before ?? 0) + 1)
    const reload = await staff.get(to)
    expect(reload.res.status).toBe(200)
    expect(reload.html).not.toContain('貸し出しました')
    expect(await loans()).toBe((before ?? 0) + 1)
    const session = await db
      .prepare('SELECT flash FROM staff_sessions')
      .first<{ flash: string | null }>()
    expect(session?.flash).toBeNull()
  })
})
