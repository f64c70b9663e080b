/**
 * The password page speaks LINE's language when the link page led there (issue: a phone set
 * to English with LINE in Japanese got a Japanese link page, then an English password page).
 * The link page knows LINE's language from the bot's signed state and carries it in its
 * /password link; the form keeps it through its answer and errors. Without it, the browser's
 * Accept-Language decides, as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Bunko, startBunko } from '../support/bunko.ts'
import { browser, hidden, requestLinkPage } from './link-flow.ts'

let b: Bunko
beforeAll(async () => {
  b = await startBunko()
})
afterAll(() => b?.close())

/** 中村 翔太 (no web password yet), with a phone number the library does not have. */
const WRONG_PHONE = {
  number: '1000000008',
  name: '中村 翔太',
  phone: '090-9999-9999',
  password: 'shota-0008x',
  confirm: 'shota-0008x',
}

/** The link page's own /password link, as the patron taps it. */
async function passwordLinkFrom(userId: string, acceptLanguage: string) {
  await b.sim.users.follow(userId)
  await b.settled()
  const page = browser({ 'accept-language': acceptLanguage })
  const link = await page.get(await requestLinkPage(b, userId))
  const href = /<a href="(\/password[^"]*)"/.exec(link.html)?.[1]?.replace(/&amp;/g, '&')
  expect(href).toBeTruthy()
  return { page, link: link.html, url: new URL(href!, b.origin).toString() }
}

/** The form's own action, so the POST goes where the page sends it. */
const actionOf = (html: string) =>
  new URL(/<form method="post" action="([^"]*)"/.exec(html)![1]!.replace(/&amp;/g, '&'), b.origin)
    .href

describe('the password page follows LINE’s language from the link page', () => {
  it('LINE in Japanese, phone in English: the page, its errors and its re-render stay Japanese', async () => {
    const { page, link, url } = await passwordLinkFrom(b.users[0]!.userId, 'en-US,en;q=0.9')
    expect(link).toContain('パスワードを登録・再設定する')
    const form = await page.get(url)
    expect(form.res.status).toBe(200)
    expect(form.html).toContain('<html lang="ja">')
    expect(form.html).toContain('パスワードの登録・再設定')
    const wrong = await page.post(actionOf(form.html), {
      csrf: hidden(form.html, 'csrf'),
      ...WRONG_PHONE,
    })
    expect(wrong.res.status).toBe(400)
    expect(wrong.html).toContain('<html lang="ja">')
    expect(wrong.html).toContain('エラー：')
    expect(wrong.html).not.toContain('do not match')
    // The re-rendered form still answers in Japanese.
    const mismatch = await page.post(actionOf(wrong.html), {
      csrf: hidden(wrong.html, 'csrf'),
      ...WRONG_PHONE,
      confirm: 'something-else1',
    })
    expect(mismatch.html).toContain('確認のために入力したパスワードが一致しません')
  })

  it('LINE in English, phone in Japanese: the password page is English', async () => {
    const en = b.users.find((u) => u.language === 'en')!
    const { page, url } = await passwordLinkFrom(en.userId, 'ja-JP,ja;q=0.9')
    const form = await page.get(url)
    expect(form.html).toContain('<html lang="en">')
    const wrong = await page.post(actionOf(form.html), {
      csrf: hidden(form.html, 'csrf'),
      ...WRONG_PHONE,
    })
    expect(wrong.html).toContain('do not match')
  })

  it('the pages that answer before the form (control characters) follow it too', async () => {
    const res = await fetch(`${b.origin}/password?lang=ja&number=1%00`, {
      headers: { 'accept-language': 'en' },
    })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('制御文字')
  })

  it('without a language from LINE (or with one it does not know) the browser decides', async () => {
    for (const query of ['', '?lang=fr']) {
      const res = await fetch(`${b.origin}/password${query}`, {
        headers: { 'accept-language': 'en' },
      })
      expect(await res.text()).toContain('Register or reset your password')
    }
    const ja = await fetch(`${b.origin}/password`, { headers: { 'accept-language': 'ja' } })
    expect(await ja.text()).toContain('パスワードの登録・再設定')
  })
})
