/**
 * The rich menus as data (LINE-MENU). Menu A is every unlinked user's default; menu B is
 * linked to a patron when their account is linked. Each has an English twin (a-en, b-en) with
 * the same areas, English words on its image and English display texts, linked to users whose
 * LINE is in English (bot/richmenu/link.ts). The same data drives the LINE request (areas and
 * actions) and the image template (labels and icons), so a tile and its tap area can never
 * drift apart.
 */
import type { messagingApi } from '@line/bot-sdk'
import type { Text } from '../../core/types.ts'
import type { Lang } from '../messages/lang.ts'
import { type LiffPage, liffUrl } from '../messages/liff.ts'
import { type PostbackAction, postbackData } from './postback.ts'

/** Every menu sync keeps, in the order it makes them: the Japanese ones first. */
export const MENU_KEYS = ['a', 'b', 'a-en', 'b-en'] as const
export type MenuKey = (typeof MENU_KEYS)[number]

/** Icons drawn by the image template (bot/richmenu/icons.ts). */
export type IconName = 'link' | 'help' | 'phone' | 'card' | 'portal' | 'loans' | 'search' | 'unlink'

export interface Bounds {
  x: number
  y: number
  width: number
  height: number
}

export interface MenuTile {
  /** What the tile says: the menu's language large, the other as a small second line. */
  label: Text
  /** A short line under the label on large tiles (optional). */
  note?: Text
  icon: IconName
  /** primary: the one thing to do first; quiet: rarely needed (unlinking). */
  tone: 'primary' | 'normal' | 'quiet'
  bounds: Bounds
  action: messagingApi.Action
}

export interface MenuDefinition {
  key: MenuKey
  /** The language of the image's large words and of the actions' labels and display texts. */
  lang: Lang
  /** Rich menu alias: 1–32 of [A-Za-z0-9_-]. */
  aliasId: string
  chatBarText: string
  size: { width: number; height: number }
  /** Height of the non-tappable band at the top that carries the library's name. */
  bannerHeight: number
  tiles: MenuTile[]
}

export const MENU_SIZE = { width: 2500, height: 1686 } as const
export const BANNER_HEIGHT = 126
export const ALIAS_IDS: Record<MenuKey, string> = {
  a: 'bunko-menu-a',
  b: 'bunko-menu-b',
  'a-en': 'bunko-menu-a-en',
  'b-en': 'bunko-menu-b-en',
}

const CHAT_BAR_TEXT: Text = { ja: 'メニュー', en: 'Menu' }

/** The key of layout A or B in a language: the Japanese menus keep their old keys. */
function keyOf(layout: 'a' | 'b', lang: Lang): MenuKey {
  return lang === 'ja' ? layout : `${layout}-en`
}

/** A tap that posts `label` into the chat as the patron's own words, in the menu's language. */
function postback(action: PostbackAction, label: Text, lang: Lang): messagingApi.PostbackAction {
  const words = label[lang]
  return { type: 'postback', label: words, data: postbackData(action), displayText: words }
}

function liff(liffId: string, page: LiffPage, label: Text, lang: Lang): messagingApi.URIAction {
  return { type: 'uri', label: label[lang], uri: liffUrl(liffId, page) }
}

/** Split `width` into `n` whole-pixel columns that add up exactly. */
function columns(width: number, n: number): { x: number; width: number }[] {
  return Array.from({ length: n }, (_, i) => {
    const x = Math.round((width * i) / n)
    return { x, width: Math.round((width * (i + 1)) / n) - x }
  })
}

const L = {
  link: { ja: 'アカウント連携', en: 'Link your account' },
  help: { ja: '使い方', en: 'How to use' },
  phones: { ja: '図書館の連絡先', en: 'Phone numbers' },
  card: { ja: '図書館カード', en: 'Library card' },
  portal: { ja: 'マイポータル', en: 'My portal' },
  loans: { ja: '貸出・予約', en: 'Loans & holds' },
  search: { ja: '蔵書検索', en: 'Search' },
  unlink: { ja: '連携解除', en: 'Unlink' },
} satisfies Record<string, Text>

/** Menu A, for users not yet linked: one large アカウント連携 tile over two smaller ones. */
export function menuA(lang: Lang = 'ja'): MenuDefinition {
  const top = BANNER_HEIGHT
  const rowH = (MENU_SIZE.height - top) / 2
  const [left, right] = columns(MENU_SIZE.width, 2) as [
    { x: number; width: number },
    { x: number; width: number },
  ]
  return {
    key: keyOf('a', lang),
    lang,
    aliasId: ALIAS_IDS[keyOf('a', lang)],
    chatBarText: CHAT_BAR_TEXT[lang],
    size: { ...MENU_SIZE },
    bannerHeight: BANNER_HEIGHT,
    tiles: [
      {
        label: L.link,
        note: {
          ja: '図書館カード・貸出の延長・予約のお知らせをLINEで',
          en: 'Library card, renewals and hold notices in LINE',
        },
        icon: 'link',
        tone: 'primary',
        bounds: { x: 0, y: top, width: MENU_SIZE.width, height: rowH },
        action: postback('link', L.link, lang),
      },
      {
        label: L.help,
        icon: 'help',
        tone: 'normal',
        bounds: { x: left.x, y: top + rowH, width: left.width, height: rowH },
        action: postback('help', L.help, lang),
      },
      {
        label: L.phones,
        icon: 'phone',
        tone: 'normal',
        bounds: { x: right.x, y: top + rowH, width: right.width, height: rowH },
        action: postback('phones', L.phones, lang),
      },
    ],
  }
}

/** Menu B, for linked patrons: a 3×2 grid, the card first and unlinking last. */
export function menuB(liffId: string, lang: Lang = 'ja'): MenuDefinition {
  const top = BANNER_HEIGHT
  const rowH = (MENU_SIZE.height - top) / 2
  const cols = columns(MENU_SIZE.width, 3)
  const cells: Omit<MenuTile, 'bounds'>[] = [
    { label: L.card, icon: 'card', tone: 'primary', action: liff(liffId, 'card', L.card, lang) },
    {
      label: L.portal,
      icon: 'portal',
      tone: 'normal',
      action: liff(liffId, 'portal', L.portal, lang),
    },
    { label: L.loans, icon: 'loans', tone: 'normal', action: liff(liffId, 'loans', L.loans, lang) },
    {
      label: L.search,
      icon: 'search',
      tone: 'normal',
      action: liff(liffId, 'search', L.search, lang),
    },
    { label: L.phones, icon: 'phone', tone: 'normal', action: postback('phones', L.phones, lang) },
    { label: L.unlink, icon: 'unlink', tone: 'quiet', action: postback('unlink', L.unlink, lang) },
  ]
  return {
    key: keyOf('b', lang),
    lang,
    aliasId: ALIAS_IDS[keyOf('b', lang)],
    chatBarText: CHAT_BAR_TEXT[lang],
    size: { ...MENU_SIZE },
    bannerHeight: BANNER_HEIGHT,
    tiles: cells.map((cell, i) => {
      const col = cols[i % 3]!
      const row = Math.floor(i / 3)
      return { ...cell, bounds: { x: col.x, y: top + row * rowH, width: col.width, height: rowH } }
    }),
  }
}

export function richMenuDefinitions(liffId: string): Record<MenuKey, MenuDefinition> {
  return { a: menuA(), b: menuB(liffId), 'a-en': menuA('en'), 'b-en': menuB(liffId, 'en') }
}

/** The body of LINE's "create rich menu" request (the name is added by sync). */
export function toRichMenuRequest(def: MenuDefinition, name: string): messagingApi.RichMenuRequest {
  return {
    size: def.size,
    selected: false,
    name,
    chatBarText: def.chatBarText,
    areas: def.tiles.map((t) => ({ bounds: t.bounds, action: t.action })),
  }
}
