// @vitest-environment happy-dom
/** @jsxImportSource preact */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  $,
  byText,
  click,
  type Mounted,
  mount,
  text,
  unmount,
  until,
} from '../../../test/liff/kit.tsx'

let m: Mounted | null = null
beforeEach(() => localStorage.clear())
afterEach(() => m && unmount(m))

describe('蔵書検索', () => {
  it('each hit says its material type, year and publisher, so same-named titles can be told apart', async () => {
    m = await mount('search?q=ジャズ')
    const hit = await until(() => byText<HTMLElement>(m!.root, 'ジャズ名盤集', 'li.item'))
    expect(text(hit)).toContain('CD ・ 2015年 ・ 淀川書房')
  })

  it('the search box says what it searches: title, author, publisher, ISBN', async () => {
    m = await mount('search')
    await until(() => expect(text(m!.root)).toContain('キーワード（書名・著者名・出版者・ISBN）'))
  })

  it('a blank search asks for words, out loud, and sends nothing; typing takes the hint away', async () => {
    m = await mount('search?q=海辺')
    await until(() => expect(text(m!.root)).toContain('2件見つかりました。'))
    const input = $<HTMLInputElement>(m.root, '#q')
    input.value = '　 '
    input.dispatchEvent(new Event('input', { bubbles: true }))
    await new Promise((r) => setTimeout(r, 0))
    const searches = () => m!.requests.filter((r) => r.path.startsWith('/api/search')).length
    const before = searches()
    await click(m.root, '検索する', 'button')
    const hint = await until(() => $(m!.root, '[role=alert]'))
    expect(hint.textContent).toBe('検索することばを入力してください。')
    expect(input.getAttribute('aria-describedby')).toBe(hint.id)
    expect(decodeURIComponent(location.hash)).toBe('#/search?q=海辺')
    expect(searches()).toBe(before)
    input.value = '猫'
    input.dispatchEvent(new Event('input', { bubbles: true }))
    await until(() => expect(m!.root.querySelector('[role=alert]')).toBeNull())
  })

  it('a set title says so in words a phone shows, not a letter explained only by a tooltip', async () => {
    m = await mount('search?q=海辺')
    const hit = await until(() => byText<HTMLElement>(m!.root, '海辺の物語 上', 'li.item'))
    expect($(hit, '.mark').textContent).toBe('セット資料（全2巻）')
    expect(hit.querySelector('[title]')).toBeNull()
  })
})
