// @vitest-environment happy-dom
/** @jsxImportSource preact */
/**
 * English screens carry English punctuation: ASCII brackets, no 「・」 between facts. Its own
 * file: the test kit keeps one LIFF session per file, and the session (lang=en) sets the language.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { byText, type Mounted, mount, text, unmount, until } from '../../../test/liff/kit.tsx'

let m: Mounted | null = null
beforeEach(() => localStorage.clear())
afterEach(() => m && unmount(m))

const english = { query: 'simUserId=U1&lang=en' }

describe('English punctuation', () => {
  it('a copy on loan says its due date in ASCII brackets', async () => {
    m = await mount('title/11', english)
    await until(() => expect(text(m!.root)).toContain('On loan (due back'))
    expect(text(m.root)).not.toMatch(/[（）]/)
  })

  it('a search hit separates type, year and publisher the English way', async () => {
    m = await mount('search?q=ジャズ', english)
    await until(() => expect(text(m!.root)).toContain('Search'))
    const hit = await until(() => byText<HTMLElement>(m!.root, 'ジャズ名盤集', 'li.item'))
    await until(() => expect(text(hit)).toContain('CD · 2015 · 淀川書房'))
    expect(text(hit)).not.toContain('・')
  })
})
