// @vitest-environment happy-dom
/** @jsxImportSource preact */
/**
 * The title page in English. Its own file: the test kit keeps one LIFF session per file, and
 * the session's language (lang=en here) decides the app's language.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { duplicateRefusal, refusingTitle11 } from '../../../test/liff/hold-refusal.ts'
import { $, click, type Mounted, mount, text, unmount, until } from '../../../test/liff/kit.tsx'

let m: Mounted | null = null
beforeEach(() => localStorage.clear())
afterEach(() => m && unmount(m))

describe('Title (English)', () => {
  it('HOLD-DUP: “list of holds” in the refusal is a link to the holds list', async () => {
    const fake = refusingTitle11(duplicateRefusal.en)
    m = await mount('title/11', { fake, query: 'simUserId=U1&lang=en' })
    // The app takes up LIFF's language once the session starts: wait for the English link.
    const link = await until(() => $<HTMLAnchorElement>(m!.root, '.refusal a'))
    const refusal = $(m.root, '.refusal')
    expect(text(refusal)).toBe(duplicateRefusal.en)
    expect(link.getAttribute('href')).toBe('#/holds')
    expect(link.textContent).toBe('list of holds')
    await click(refusal, 'list of holds', 'a')
    await until(() => expect($(m!.root, 'h1').textContent).toBe('Holds'))
  })
  it("HOLD-SET: a set's volumes say which they are (上 is vol. 1) and are each a link to tap", async () => {
    m = await mount('title/11', { query: 'simUserId=U1&lang=en' })
    const list = await until(() => $<HTMLUListElement>(m!.root, 'ul.volumes'))
    await until(() => expect(text(list)).toContain('(vol. 1)'))
    const items = [...list.querySelectorAll('li')].map((li) => text(li))
    expect(items).toEqual(['上 (vol. 1)', '下 (vol. 2)'])
    expect(list.querySelector('strong')?.textContent).toBe('上 (vol. 1)')
    expect(list.querySelector('a')?.getAttribute('href')).toBe('#/title/12')
  })
})
