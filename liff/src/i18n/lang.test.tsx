// @vitest-environment happy-dom
/** @jsxImportSource preact */
import { afterEach, describe, expect, it } from 'vitest'
import { $, type Mounted, mount, text, unmount, until } from '../../../test/liff/kit.tsx'
import { apiLang, rememberedLang, setLang, t } from './index.ts'
import { langFrom } from './lang.ts'

let m: Mounted | null = null
afterEach(() => m && unmount(m))

describe('language', () => {
  it('is Japanese unless liff.getLanguage() starts with "en"', () => {
    expect(langFrom('ja')).toBe('ja')
    expect(langFrom('ja-JP')).toBe('ja')
    expect(langFrom('zh-TW')).toBe('ja')
    expect(langFrom(undefined)).toBe('ja')
    expect(langFrom('en')).toBe('en')
    expect(langFrom('en-US')).toBe('en')
  })

  // Before any other test in this file has loaded the English chunk.
  it('English is its own chunk: calls ask for it at once, the words follow once it is in', async () => {
    await setLang('ja')
    const english = setLang('en')
    // Still the Japanese words in this task; the calls already ask for English.
    expect(t.card.title).toBe('図書館カード')
    expect(apiLang()).toBe('en')
    // Japanese chosen again while English is still loading: it wins.
    await setLang('ja')
    await english
    expect([t.card.title, apiLang(), rememberedLang()]).toEqual(['図書館カード', 'ja', 'ja'])
    await setLang('en')
    expect(t.card.title).toBe('Library card')
    expect(document.documentElement.lang).toBe('en')
    await setLang('ja')
    expect(t.card.title).toBe('図書館カード')
  })

  it('switches to English when LIFF (mocked) reports en-US, and remembers it for next time', async () => {
    localStorage.clear()
    m = await mount('loans', { query: 'simUserId=U1&lang=en-US' })
    expect($(m.root, 'h1').textContent).toBe('貸出中一覧')
    await until(() => expect($(m!.root, 'h1').textContent).toBe('Loans'))
    await until(() =>
      expect(text(m!.root)).toContain('Cannot be renewed: someone is waiting for it'),
    )
    expect(document.documentElement.lang).toBe('en')
    expect(rememberedLang()).toBe('en')
    const call = m.requests.find((r) => r.path === '/api/loans')
    expect(call).toBeDefined()
    await until(() =>
      expect(m!.requests.some((r) => r.headers.get('accept-language') === 'en')).toBe(true),
    )
  })
})

describe('the menu bar words', () => {
  it('are the menu words themselves, only split where a line may break', async () => {
    const { ja } = await import('./ja.ts')
    const { en } = await import('./en.ts')
    for (const d of [ja, en]) {
      const { bar } = d.nav
      expect([bar.card, bar.portal, bar.search, bar.cart].map((p) => p.join(''))).toEqual([
        d.nav.card,
        d.nav.portal,
        d.nav.search,
        d.nav.cart(0),
      ])
    }
  })
})

describe('renewal refusals', () => {
  it("RENEW-AV, RENEW-BOOK: the few words before core's sentence name no number: a library's own limits (Policy) come in that sentence", async () => {
    const { ja } = await import('./ja.ts')
    const { en } = await import('./en.ts')
    const numbered = [ja, en].flatMap((d) =>
      Object.values(d.loans.reasons).filter((w) => /\d/.test(w)),
    )
    expect(numbered).toEqual([])
  })
})

describe('English counts', () => {
  it('one item to renew is "the 1 item", not "all 1 item"', async () => {
    const { en } = await import('./en.ts')
    expect(en.loans.renewAllQuote(1)).toBe('Renew the 1 item that can be renewed?')
    expect(en.loans.renewAllQuote(3)).toBe('Renew all 3 items that can be renewed?')
  })
})
