// @vitest-environment happy-dom
/** @jsxImportSource preact */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { $, byText, type Mounted, mount, text, unmount, until } from '../../../test/liff/kit.tsx'

let m: Mounted | null = null
beforeEach(() => localStorage.clear())
afterEach(() => m && unmount(m))

describe('ISBNで探す', () => {
  it('#/isbn with no code says none came and offers the scan and 蔵書検索, asking the server nothing', async () => {
    m = await mount('isbn')
    const note = await until(() => $(m!.root, '[role=alert]'))
    expect($(m.root, 'h1').textContent).toBe('ISBNで探す')
    expect(text(note)).toContain('ISBN（本のバーコードの番号）が入っていないため')
    expect(byText(m.root, '蔵書検索へ', 'a').getAttribute('href')).toBe('#/search')
    expect(byText(m.root, 'スキャン', 'button')).toBeTruthy()
    expect(m.requests.some((r) => r.path.startsWith('/api/isbn'))).toBe(false)
  })
})
