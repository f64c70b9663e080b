// @vitest-environment happy-dom
/** @jsxImportSource preact */
/**
 * ACC-FAMILY: after a card is unlinked from its section of 設定 the page reloads without it and
 * says so once. Its own file: the name is read when the page's chunk loads, as after the
 * reload, so no earlier test in the file may have loaded it.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { FakeFamily } from '../../../test/liff/fake-family.ts'
import { type Mounted, mount, text, unmount, until } from '../../../test/liff/kit.tsx'

let m: Mounted | null = null
afterEach(() => m && unmount(m))

describe('設定 after unlinking one of several cards', () => {
  it('ACC-FAMILY, LINE-LINK: with two cards left, the note is said once, in the first card’s section', async () => {
    sessionStorage.setItem('bunko.unlinked.v1', JSON.stringify({ name: '加藤 亮', at: Date.now() }))
    const others = [
      { patronId: 7, patronNumber: '1000000011', name: '加藤 美咲', loans: [], holds: [] },
    ]
    m = await mount('settings', { fake: new FakeFamily(others) })
    await until(() => expect(m!.root.querySelectorAll('section.person').length).toBe(2))
    const said = '加藤 亮 さんのカードの連携を解除しました。'
    await until(() => expect(text(m!.root)).toContain(said))
    expect(text(m.root).split(said).length - 1).toBe(1)
    expect(sessionStorage.getItem('bunko.unlinked.v1')).toBeNull()
  })
})
