/**
 * The staff statistics on Workers, demo mode (issue 20): a LINE user follows and links through
 * the Worker (the webhook's timing and the link land in D1), staff sign in at the counter, and
 * /counter/stats draws its charts with Observable Plot on linkedom inside workerd; a CSV
 * comes back with its BOM and the numbers just made.
 */
import { describe, expect, it } from 'vitest'
import { DEMO_STAFF } from '../../bot/demo.ts'
import { DEMO_USERS } from '../../bot/simulator/index.ts'
import { browser, hidden, lineUser, linkThroughWorker, send, workerEnv } from './worker-harness.ts'

const wenv = workerEnv('W_STATS')
const user = DEMO_USERS[1]!

describe('statistics on Workers', () => {
  it('draws every chart in workerd and answers CSV with the webhook and link just made', async () => {
    await send(wenv, '/healthz')
    await lineUser(wenv, user.userId).follow()
    const { dialog } = await linkThroughWorker(wenv, user.userId, '1000000001', 'hanako-0001')
    expect(dialog?.status).toBe(200)

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

    const stats = await staff.get('/counter/stats?period=7d')
    expect(stats.res.status).toBe(200)
    expect(stats.html.match(/<svg[^>]*role="img"/g)).toHaveLength(7)
    expect(stats.html).toContain('data-figure="linked">1人')
    expect(stats.html).not.toContain('山田')

    const csv = await send(wenv, '/counter/stats.csv?chart=webhook&period=7d', {
      headers: {
        cookie: signed.res.headers
          .getSetCookie()
          .map((c) => c.split(';')[0])
          .join('; '),
      },
    })
    expect(csv.status).toBe(200)
    const bytes = new Uint8Array(await csv.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = new TextDecoder()
      .decode(bytes)
      .split('\r\n')
      .slice(1)
      .filter(Boolean)
      .map((r) => r.split(','))
    // Follow, the link postback and the accountLink event: each a webhook request, all in time.
    const events = rows.reduce((a, r) => a + Number(r[2]), 0)
    const fast = rows.reduce((a, r) => a + Number(r[3]), 0)
    expect(events).toBeGreaterThanOrEqual(3)
    expect(fast).toBe(events)
  })
})
