// @vitest-environment happy-dom
/** @jsxImportSource preact */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { $, type Mounted, mount, text, unmount, until } from '../../../test/liff/kit.tsx'

let m: Mounted | null = null
beforeEach(() => localStorage.clear())
afterEach(() => m && unmount(m))

describe('header and menu', () => {
  it('names the library on the very first open, before any patron data', async () => {
    // The search page asks nothing about the patron, so no card is cached.
    m = await mount('search')
    await until(() => expect($(m!.root, '.brand').textContent).toBe('枚方市立図書館'))
    expect(m.requests.some((r) => r.path === '/api/me')).toBe(false)
  })

  it('names the library in the first render when the page carries its config inline', async () => {
    const inline = document.createElement('script')
    inline.type = 'application/json'
    inline.id = 'bunko-config'
    inline.textContent = JSON.stringify({
      liffId: 'test-liff',
      mock: true,
      libraryName: { ja: '枚方市立図書館', en: 'Hirakata City Library' },
    })
    document.head.append(inline)
    try {
      // A config promise that never settles: only the inline config can name the library.
      m = await mount('search', { holdConfig: true })
      expect($(m.root, '.brand').textContent).toBe('枚方市立図書館')
    } finally {
      inline.remove()
    }
  })

  it('the cart count is a badge, read as 「（n点）」, so the label stays 「予約カート」', async () => {
    m = await mount('title/12')
    await until(() => expect(text(m!.root)).toContain('カートに入れる'))
    ;($(m.root, '.actions button') as HTMLButtonElement).click()
    const link = await until(() => {
      const a = [...m!.root.querySelectorAll('.menu-bar a')].at(-1)!
      expect(a.querySelector('.count')?.textContent).toBe('1')
      return a
    })
    expect(link.querySelector('span')?.textContent).toBe('予約カート')
    expect(text(link)).toBe('予約カート1（1点）')
  })
})
