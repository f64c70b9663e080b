/**
 * LINE-LINK, ACC-RESET (a patron walk): after setting a password on the page the link page
 * led to, the answer said "you can now link LINE with your new password" and offered no way
 * back, while the link page only works for 10 minutes. Now the answer has a button back to
 * that link page while LINE's link token lives, and says to tap アカウント連携 again after.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Bunko, startBunko } from '../support/bunko.ts'
import { browser, hidden, openDialog, requestLinkPage } from './link-flow.ts'

/** 中村 翔太 has no web password yet (the demo library). */
const SHOTA = {
  number: '1000000008',
  name: '中村 翔太',
  phone: '090-0000-0008',
  password: 'shota-0008x',
  confirm: 'shota-0008x',
}

let b: Bunko
beforeEach(async () => {
  b = await startBunko()
})
afterEach(() => b.close())

const unAmp = (s: string) => s.replace(/&amp;/g, '&')
const abs = (href: string) => new URL(unAmp(href), b.origin).toString()

/** From LINE's link button to the password page's answer, as the patron taps through. */
async function setPasswordFromLinkPage(
  userId: string,
  beforeSubmit?: () => void,
  tamper = (state: string) => state,
) {
  await b.sim.users.follow(userId)
  await b.settled()
  const page = browser()
  const link = await page.get(await requestLinkPage(b, userId))
  const href = /<a href="(\/password[^"]*)"/.exec(link.html)?.[1]
  expect(href).toBeTruthy()
  const form = await page.get(abs(href!))
  expect(form.res.status).toBe(200)
  const action = /<form method="post" action="([^"]*)"/.exec(form.html)![1]!
  beforeSubmit?.()
  const done = await page.post(abs(action), {
    csrf: hidden(form.html, 'csrf'),
    linkToken: hidden(form.html, 'linkToken'),
    state: tamper(hidden(form.html, 'state')),
    ...SHOTA,
  })
  expect(done.res.status).toBe(200)
  return { page, html: done.html }
}

describe('LINE-LINK: the password page leads back to linking', () => {
  it('ACC-RESET: the answer has a button back to the link page, where the new password links', async () => {
    const user = b.users.find((u) => u.language === 'ja')!.userId
    const { page, html } = await setPasswordFromLinkPage(user)
    expect(html).toContain('パスワードを設定しました')
    expect(html).toContain('連携の手続きに戻る')
    const back = /<a class="button" href="([^"]*)"/.exec(html)?.[1]
    expect(back).toMatch(/\/link\?linkToken=/)
    const again = await page.get(unAmp(back!))
    expect(again.res.status).toBe(200)
    const signed = await page.post(`${b.origin}/link`, {
      linkToken: hidden(again.html, 'linkToken'),
      state: hidden(again.html, 'state'),
      csrf: hidden(again.html, 'csrf'),
      number: SHOTA.number,
      password: SHOTA.password,
    })
    expect(signed.res.status).toBe(303)
    const dialog = await openDialog(b, signed.res.headers.get('location') ?? '', user)
    expect(dialog.status).toBe(200)
  })

  it('in English for an English LINE user', async () => {
    const user = b.users.find((u) => u.language === 'en')!.userId
    const { html } = await setPasswordFromLinkPage(user)
    expect(html).toContain('Back to linking')
    expect(html).toMatch(/<a class="button" href="[^"]*\/link\?linkToken=[^"]*lang=en/)
  })

  it('once the link page has expired, it says to tap アカウント連携 in LINE again, with no dead button', async () => {
    const user = b.users.find((u) => u.language === 'ja')!.userId
    const { html } = await setPasswordFromLinkPage(user, () =>
      b.setNow(b.clock.now() + 11 * 60_000),
    )
    expect(html).toContain('パスワードを設定しました')
    expect(html).toContain('「アカウント連携」をもう一度押してください')
    expect(html).not.toContain('class="button"')
  })

  it('with a link request whose signature does not hold, no button leads anywhere', async () => {
    const user = b.users.find((u) => u.language === 'ja')!.userId
    const flip = (state: string) =>
      state.slice(0, -2) + (state.at(-2) === 'A' ? 'B' : 'A') + state.slice(-1)
    const { html } = await setPasswordFromLinkPage(user, undefined, flip)
    expect(html).toContain('パスワードを設定しました')
    expect(html).not.toContain('class="button"')
    expect(html).not.toContain('linkToken=')
  })

  it('reached without a link page, the answer is as before', async () => {
    const page = browser({ 'accept-language': 'ja' })
    const form = await page.get(`${b.origin}/password`)
    const done = await page.post(`${b.origin}/password?lang=ja`, {
      csrf: hidden(form.html, 'csrf'),
      ...SHOTA,
    })
    expect(done.html).toContain('新しいパスワードでWebサービスとLINE連携をご利用いただけます。')
    expect(done.html).not.toContain('class="button"')
  })
})
