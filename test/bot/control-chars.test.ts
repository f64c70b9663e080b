/**
 * Control characters in the server-rendered forms (link, password, counter sign-in): 400 with
 * a page that says why, nothing changed, nothing logged as an error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Bunko, startBunko } from '../support/bunko.ts'
import { browser, hidden, requestLinkPage } from './link-flow.ts'

let b: Bunko
beforeAll(async () => {
  b = await startBunko()
  await b.sim.users.follow(b.users[0]!.userId)
  await b.settled()
})
afterAll(() => b.close())

const errors = () => b.log.lines.filter((l) => l.includes('"error"'))

describe('control characters in forms', () => {
  it('the link form answers 400 and says why', async () => {
    const page = browser()
    const form = await page.get(await requestLinkPage(b, b.users[0]!.userId))
    const res = await page.post(`${b.origin}/link`, {
      linkToken: hidden(form.html, 'linkToken'),
      state: hidden(form.html, 'state'),
      csrf: hidden(form.html, 'csrf'),
      number: '1000000001\u0000',
      password: 'hanako-0001',
    })
    expect(res.res.status).toBe(400)
    expect(res.html).toContain('制御文字')
    expect(res.res.headers.get('location')).toBeNull()
  })

  it('the password form and its query answer 400', async () => {
    const page = browser()
    const form = await page.get(`${b.origin}/password`)
    const res = await page.post(`${b.origin}/password`, {
      csrf: hidden(form.html, 'csrf'),
      number: '1000000008',
      name: '中村\u0008翔太',
      phone: '090-0000-0008',
      password: 'shota-0008x',
      confirm: 'shota-0008x',
    })
    expect(res.res.status).toBe(400)
    expect(res.html).toContain('制御文字')
    const query = await fetch(`${b.origin}/password?number=1%00`, {
      headers: { 'accept-language': 'en' },
    })
    expect(query.status).toBe(400)
    expect(await query.text()).toContain('control characters')
  })

  it('the counter sign-in and its scan fields answer 400', async () => {
    const page = browser()
    const form = await page.get(`${b.origin}/counter/sign-in`)
    const res = await page.post(`${b.origin}/counter/sign-in`, {
      csrf: hidden(form.html, 'csrf'),
      login: 'demo\u0001',
      password: 'demo-desk-2026',
      place: '1',
    })
    expect(res.res.status).toBe(400)
    expect(res.html).toContain('制御文字')
    const audit = await fetch(`${b.origin}/counter/audit?patron=%00`, { redirect: 'manual' })
    expect(audit.status).toBe(400)
    expect(errors()).toEqual([])
  })
})
