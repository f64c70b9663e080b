// @vitest-environment happy-dom
/**
 * The English chunk cannot be loaded (offline, an evicted cache): the pages stay Japanese and
 * the calls say so to the server, rather than asking for English words the page cannot show.
 */
import { describe, expect, it, vi } from 'vitest'

vi.mock('./en.ts', () => {
  throw new Error('offline: the chunk could not be fetched')
})

describe('language, when the English chunk cannot be loaded', () => {
  it('stays Japanese in the words, in Accept-Language and in <html lang>', async () => {
    const { apiLang, setLang, t } = await import('./index.ts')
    document.documentElement.lang = 'ja'
    await setLang('en')
    const i18n = await import('./index.ts')
    expect(i18n.t).toBe(t)
    expect(i18n.t.card.title).toBe('図書館カード')
    expect(apiLang()).toBe('ja')
    expect(document.documentElement.lang).toBe('ja')
  })
})
