/**
 * The link page's own early refusals (maintenance, an expired or used link) speak LINE's
 * language, not the phone's (a patron walk: LINE in English on a Japanese phone got a Japanese
 * "expired" page). The bot puts `lang=` in the link it sends, as the link page does for the
 * password page (password-lang.test.ts); without it the browser's Accept-Language decides.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jstInstant } from '../../core/dates.ts'
import { type Bunko, startBunko, TEST_NOW } from '../support/bunko.ts'
import { browser, hidden, requestLinkPage } from './link-flow.ts'

let b: Bunko
beforeAll(async () => {
  b = await startBunko()
})
afterAll(() => b?.close())

const MAINTENANCE = jstInstant('2026-11-26', '03:20')

/** The link the bot sends this user, opened on a phone whose browser asks for `acceptLanguage`. */
async function linkFor(language: 'ja' | 'en', acceptLanguage: string) {
  const user = b.users.find((u) => u.language === language)!
  if (!b.sim.users.get(user.userId)?.following) {
    await b.sim.users.follow(user.userId)
    await b.settled()
  }
  const url = await requestLinkPage(b, user.userId)
  return { url, page: browser({ 'accept-language': acceptLanguage }) }
}

/** The form's own action, so a POST goes where the page sends it. */
const actionOf = (html: string) =>
  new URL(/<form method="post" action="([^"]*)"/.exec(html)![1]!.replace(/&amp;/g, '&'), b.origin)
    .href

async function at<T>(instant: number, run: () => Promise<T>): Promise<T> {
  b.setNow(instant)
  try {
    return await run()
  } finally {
    b.setNow(TEST_NOW)
  }
}

describe('LINE-LINK: the link page refuses in LINE’s language', () => {
  it('the bot’s link carries the language it answers the user in', async () => {
    const en = await linkFor('en', 'ja-JP,ja;q=0.9')
    expect(new URL(en.url).searchParams.get('lang')).toBe('en')
    const ja = await linkFor('ja', 'en-US,en;q=0.9')
    expect(new URL(ja.url).searchParams.get('lang')).toBe('ja')
  })

  it('SVC-MAINT: LINE in English, phone in Japanese: the maintenance page is English', async () => {
    const { url, page } = await linkFor('en', 'ja-JP,ja;q=0.9')
    const down = await at(MAINTENANCE, () => page.get(url))
    expect(down.res.status).toBe(503)
    expect(down.html).toContain('<html lang="en">')
    expect(down.html).toContain('Down for maintenance')
  })

  it('SVC-MAINT: LINE in Japanese, phone in English: the maintenance page stays Japanese', async () => {
    const { url, page } = await linkFor('ja', 'en-US,en;q=0.9')
    const down = await at(MAINTENANCE, () => page.get(url))
    expect(down.res.status).toBe(503)
    expect(down.html).toContain('<html lang="ja">')
    expect(down.html).toContain('メンテナンス中')
  })

  it('an expired link, opened or submitted, is refused in English for an English LINE user', async () => {
    const { url, page } = await linkFor('en', 'ja-JP,ja;q=0.9')
    const form = await page.get(url)
    expect(form.html).toContain('<html lang="en">')
    // The tile names are the English menu's own (menu-words.test.ts).
    expect(form.html).toContain('&quot;Link your account&quot; in the chat')
    // Also from the card's "Add another card", which a patron may have come from instead.
    expect(form.html).toContain('&quot;Add another card&quot; on your library card')
    const later = TEST_NOW + 11 * 60_000
    const opened = await at(later, () => page.get(url))
    expect(opened.res.status).toBe(410)
    expect(opened.html).toContain('This link request has expired')
    expect(opened.html).toContain('tap &quot;Link your account&quot; in the menu')
    // The form posts back with the same language, so a submit after expiry is English too.
    const sent = await at(later, () =>
      page.post(actionOf(form.html), {
        linkToken: hidden(form.html, 'linkToken'),
        state: hidden(form.html, 'state'),
        csrf: hidden(form.html, 'csrf'),
        number: '1000000001',
        password: 'hanako-0001',
      }),
    )
    expect(sent.res.status).toBe(410)
    expect(sent.html).toContain('This link request has expired')
    // And a submit during maintenance.
    const down = await at(MAINTENANCE, () => page.post(actionOf(form.html), {}))
    expect(down.res.status).toBe(503)
    expect(down.html).toContain('Down for maintenance')
  })

  it('the replace-a-link answer refuses in the language it was sent with', async () => {
    const page = browser({ 'accept-language': 'ja' })
    const res = await page.post(`${b.origin}/link/confirm?lang=en`, { choice: 'replace' })
    expect(res.res.status).toBe(410)
    expect(res.html).toContain('This link request has expired')
  })

  it('without a language from LINE (or with one it does not know) the browser decides', async () => {
    for (const query of ['', '&lang=fr']) {
      const en = await fetch(`${b.origin}/link?linkToken=abcdefghijkl&state=x${query}`, {
        headers: { 'accept-language': 'en' },
      })
      expect(en.status).toBe(410)
      expect(await en.text()).toContain('This link request has expired')
    }
    const ja = await fetch(`${b.origin}/link?linkToken=abcdefghijkl&state=x`, {
      headers: { 'accept-language': 'ja' },
    })
    expect(await ja.text()).toContain('手続きの有効期限が切れました')
  })
})
