// @vitest-environment happy-dom
/** @jsxImportSource preact */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeLibrary } from '../../../test/liff/fake-api.ts'
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
    // A CD is counted in 点, a book in 冊.
    expect(text(hit)).toMatch(/所蔵 \d+点・書架にあるもの \d+点/)
    expect(text(hit)).not.toContain('冊')
  })

  it('a number that finds nothing is told to check the number, not to try other words', async () => {
    m = await mount('search?q=9784000000017')
    await until(() =>
      expect(text(m!.root)).toContain(
        'この番号の資料は見つかりませんでした。番号をお確かめいただくか',
      ),
    )
    unmount(m)
    m = await mount('search?q=存在しないことば')
    await until(() =>
      expect(text(m!.root)).toContain('見つかりませんでした。別のことばでお試しください。'),
    )
  })

  it('the search box says what it searches: title, author, publisher, ISBN', async () => {
    m = await mount('search')
    await until(() => expect(text(m!.root)).toContain('キーワード（書名・著者名・出版者・ISBN）'))
  })

  it('the scan hint shows before a search, and only to screen readers beside results (150% text)', async () => {
    m = await mount('search')
    const help = await until(() => $(m!.root, '#scan-help'))
    expect(help.className).toBe('meta')
    unmount(m)
    m = await mount('search?q=海辺')
    await until(() => expect(text(m!.root)).toContain('2件見つかりました。'))
    expect($(m.root, '#scan-help').className).toBe('sr-only')
    expect($(m.root, '.scan button').getAttribute('aria-describedby')).toBe('scan-help')
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
    expect($(hit, '.mark').textContent).toBe('S セット資料（全2巻）')
    expect(hit.querySelector('[title]')).toBeNull()
  })

  it('a page past the end (an old link) says so and offers the last page and page 1', async () => {
    const fake = new FakeLibrary()
    fake.searchPageSize = 1
    m = await mount('search?q=海辺&page=99', { fake })
    const note = await until(() => $(m!.root, '[role=alert]'))
    expect(text(note)).toBe(
      'このページには検索結果がありません。検索結果は2ページ目までです。最後のページ（2ページ目）へ1ページ目へ',
    )
    const at = (label: string) =>
      decodeURIComponent(byText(note, label, 'a').getAttribute('href') ?? '')
    expect(at('最後のページ')).toBe('#/search?q=海辺&page=2')
    expect(at('1ページ目へ')).toBe('#/search?q=海辺&page=1')
    // No pager back to page 98.
    expect(text(m.root)).not.toContain('前のページ')
    await click(note, '最後のページ', 'a')
    await until(() => byText(m!.root, '海辺の物語 下', 'li.item'))
    expect(m.root.querySelector('[role=alert]')).toBeNull()
  })

  it('a page number the server will not read (page=1000) says the same, and offers page 1', async () => {
    m = await mount('search?q=海辺&page=1000')
    const note = await until(() => $(m!.root, '[role=alert]'))
    expect(text(note)).toBe('このページには検索結果がありません。1ページ目へ')
    await click(note, '1ページ目へ', 'a')
    await until(() => expect(text(m!.root)).toContain('2件見つかりました。'))
  })

  it('a page that is not a whole number ≥ 1 (1.5, abc, 0, -3) opens page 1, without asking for it', async () => {
    for (const bad of ['1.5', 'abc', '0', '-3', '2.0e-1', '']) {
      m = await mount(`search?q=海辺&page=${bad}`)
      await until(() => expect(text(m!.root)).toContain('2件見つかりました。'))
      expect(m.root.querySelector('[role=alert]')).toBeNull()
      const asked = m.requests.filter((r) => r.path.startsWith('/api/search')).map((r) => r.path)
      expect(asked).toEqual([`/api/search?q=${encodeURIComponent('海辺')}&page=1`])
      unmount(m)
      m = null
    }
  })
})
