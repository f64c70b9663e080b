// @vitest-environment happy-dom
/** @jsxImportSource preact */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { byText, type Mounted, mount, text, unmount, until } from '../../../test/liff/kit.tsx'

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
})
