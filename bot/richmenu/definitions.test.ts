import { describe, expect, it } from 'vitest'
import { HIRAKATA_POLICY } from '../../core/policy.ts'
import { messageProblems } from '../messages/limits.ts'
import { type MenuDefinition, menuA, menuB, toRichMenuRequest } from './definitions.ts'
import { loadMenuImages } from './images.ts'
import { menuName } from './menu-name.ts'
import { parsePostback } from './postback.ts'
import { menuHtml } from './template.ts'

const LIFF = '1650000000-bunkoDemo'

function overlaps(a: MenuDefinition['tiles'][number]['bounds'], b: typeof a): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

describe('rich menu definitions (LINE-MENU)', () => {
  for (const def of [menuA(), menuB(LIFF), menuA('en'), menuB(LIFF, 'en')]) {
    it(`LINE-MENU: menu ${def.key} tiles cover everything below the banner without overlapping`, () => {
      expect(def.size).toEqual({ width: 2500, height: 1686 })
      const area = def.tiles.reduce((n, t) => n + t.bounds.width * t.bounds.height, 0)
      expect(area).toBe(def.size.width * (def.size.height - def.bannerHeight))
      for (const [i, t] of def.tiles.entries()) {
        expect(t.bounds.x).toBeGreaterThanOrEqual(0)
        expect(t.bounds.y).toBeGreaterThanOrEqual(def.bannerHeight)
        expect(t.bounds.x + t.bounds.width).toBeLessThanOrEqual(def.size.width)
        expect(t.bounds.y + t.bounds.height).toBeLessThanOrEqual(def.size.height)
        for (const u of def.tiles.slice(i + 1)) expect(overlaps(t.bounds, u.bounds)).toBe(false)
      }
    })

    it(`menu ${def.key}: LINE limits (chat bar text, alias id, labels, postbacks)`, () => {
      expect(def.chatBarText).toBe(def.lang === 'ja' ? 'メニュー' : 'Menu')
      expect(def.chatBarText.length).toBeLessThanOrEqual(14)
      expect(def.aliasId).toMatch(/^[A-Za-z0-9_-]{1,32}$/)
      const req = toRichMenuRequest(def, 'bunko:test')
      expect(req.areas?.length).toBeLessThanOrEqual(20)
      // The actions pass the same checker as messages (labels ≤ 20, URIs, postback data).
      const asMessage = {
        type: 'text' as const,
        text: 'x',
        quickReply: { items: def.tiles.map((t) => ({ type: 'action', action: t.action })) },
      }
      expect(messageProblems(asMessage)).toEqual([])
      for (const t of def.tiles)
        if (t.action.type === 'postback')
          expect(parsePostback(String((t.action as { data: string }).data))).not.toBeNull()
    })
  }

  it('LINE-MENU: menu A offers アカウント連携, 使い方 and 図書館の連絡先 as postbacks', () => {
    const tiles = menuA().tiles
    expect(tiles.map((t) => t.label.ja)).toEqual(['アカウント連携', '使い方', '図書館の連絡先'])
    expect(tiles.map((t) => parsePostback((t.action as { data: string }).data)?.action)).toEqual([
      'link',
      'help',
      'phones',
    ])
  })

  it('LINE-MENU: menu B opens the LIFF app at the right pages and offers unlinking', () => {
    const tiles = menuB(LIFF).tiles
    const by = Object.fromEntries(tiles.map((t) => [t.label.ja, t.action]))
    expect(by.図書館カード).toMatchObject({ type: 'uri', uri: `https://liff.line.me/${LIFF}/card` })
    expect(by.マイポータル).toMatchObject({
      type: 'uri',
      uri: `https://liff.line.me/${LIFF}/portal`,
    })
    expect(by['貸出・予約']).toMatchObject({
      type: 'uri',
      uri: `https://liff.line.me/${LIFF}/loans`,
    })
    expect(by.蔵書検索).toMatchObject({ type: 'uri', uri: `https://liff.line.me/${LIFF}/search` })
    expect(by.連携解除).toMatchObject({ type: 'postback', data: 'action=unlink' })
    expect(by.図書館の連絡先).toMatchObject({ type: 'postback', data: 'action=phones' })
  })

  it('refuses a LIFF id that would break the URL', () => {
    expect(() => menuB('bad/../id')).toThrow(RangeError)
  })

  it('the image template places a tile at every area and names the library', () => {
    const html = menuHtml(menuB(LIFF), HIRAKATA_POLICY.libraryName)
    for (const t of menuB(LIFF).tiles) {
      expect(html).toContain(`left:${t.bounds.x}px;top:${t.bounds.y}px;width:${t.bounds.width}px`)
      expect(html).toContain(t.label.ja)
    }
    expect(html).toContain('枚方市立図書館')
  })

  it('LINE-MENU: the English menus have the Japanese areas and actions, in English words', () => {
    for (const [ja, en] of [
      [menuA(), menuA('en')],
      [menuB(LIFF), menuB(LIFF, 'en')],
    ] as const) {
      expect(en.aliasId).toBe(`${ja.aliasId}-en`)
      expect(en.tiles.map((t) => t.bounds)).toEqual(ja.tiles.map((t) => t.bounds))
      for (const [i, tile] of en.tiles.entries()) {
        const {
          label: _jaLabel,
          displayText: _jaShown,
          ...jaRest
        } = ja.tiles[i]!.action as {
          label: string
          displayText?: string
        }
        const action = tile.action as { label: string; displayText?: string }
        // What a tap posts into the chat is English: the patron's own words, in their language.
        expect(action.label).toBe(tile.label.en)
        if (action.displayText !== undefined) expect(action.displayText).toBe(tile.label.en)
        expect(action).toMatchObject(jaRest)
      }
    }
  })

  it('LINE-MENU: the English image says each tile in English large, the Japanese name small', () => {
    const html = menuHtml(menuB(LIFF, 'en'), HIRAKATA_POLICY.libraryName)
    expect(html).toContain('<html lang="en">')
    expect(html).toMatch(/<div class="en" style="font-size:\d+px">Library card<\/div>/)
    expect(html).toContain('<div class="ja" style="color:#dcfce7">図書館カード</div>')
    expect(html).toContain('<span>Hirakata City Library</span>')
  })

  it('LINE-MENU: the Japanese menus are the ones LINE already has (same content-hash names)', async () => {
    // Sync keeps a menu whose name is unchanged: Japanese users keep the very same menus.
    const images = await loadMenuImages()
    const name = async (key: 'a' | 'b', def: MenuDefinition) => {
      const { name: _, ...body } = toRichMenuRequest(def, '')
      return menuName(key, body, images[key])
    }
    expect(await name('a', menuA())).toBe('bunko:a:e558968a00502df6')
    expect(await name('b', menuB(LIFF))).toBe('bunko:b:ea34c33ff124faa1')
  })
})
