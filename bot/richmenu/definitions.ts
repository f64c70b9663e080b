/**
 * The two rich menus as data (LINE-MENU). Menu A is every unlinked user's default; menu B is
 * linked to a patron when their account is linked. The same data drives the LINE request
 * (areas and actions) and the image template (labels and icons), so a tile and its tap area
 * can never drift apart.
 */
import type { messagingApi } from '@line/bot-sdk'
import type { Text } from '../../core/types.ts'
import { type LiffPage, liffUrl } from '../messages/liff.ts'
import { type PostbackAction, postbackData } from './postback.ts'

export type MenuKey = 'a' | 'b'

/** Icons drawn by the image template (bot/richmenu/icons.ts). */
export type IconName = 'link' | 'help' | 'phone' | 'card' | 'portal' | 'loans' | 'search' | 'unlink'

export interface Bounds {
  x: number
  y: number
  width: number
  height: number
}

export interface MenuTile {
  /** What the tile says; `ja` large, `en` as a small second line. */
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
export const ALIAS_IDS: Record<MenuKey, string> = { a: 'bunko-menu-a', b: 'bunko-menu-b' }

const CHAT_BAR_TEXT = 'メニュー'

function postback(action: PostbackAction, label: Text): messagingApi.PostbackAction {
  return { type: 'postback', label: label.ja, data: postbackData(action), displayText: label.ja }
}

function liff(liffId: string, page: LiffPage, label: Text): messagingApi.URIAction {
  return { type: 'uri', label: label.ja, uri: liffUrl(liffId, page) }
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
export function menuA(): MenuDefinition {
  const top = BANNER_HEIGHT
  const rowH = (MENU_SIZE.height - top) / 2
  const [left, right] = columns(MENU_SIZE.width, 2) as [
    { x: number; width: number },
    { x: number; width: number },
  ]
  return {
    key: 'a',
    aliasId: ALIAS_IDS.a,
    chatBarText: CHAT_BAR_TEXT,
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
        action: postback('link', L.link),
      },
      {
        label: L.help,
        icon: 'help',
        tone: 'normal',
        bounds: { x: left.x, y: top + rowH, width: left.width, height: rowH },
        action: postback('help', L.help),
      },
      {
        label: L.phones,
        icon: 'phone',
        tone: 'normal',
        bounds: { x: right.x, y: top + rowH, width: right.width, height: rowH },
        action: postback('phones', L.phones),
      },
    ],
  }
}

/** Menu B, for linked patrons: a 3×2 grid, the card first and unlinking last. */
export function menuB(liffId: string): MenuDefinition {
  const top = BANNER_HEIGHT
  const rowH = (MENU_SIZE.height - top) / 2
  const cols = columns(MENU_SIZE.width, 3)
  const cells: Omit<MenuTile, 'bounds'>[] = [
    { label: L.card, icon: 'card', tone: 'primary', action: liff(liffId, 'card', L.card) },
    { label: L.portal, icon: 'portal', tone: 'normal', action: liff(liffId, 'portal', L.portal) },
    { label: L.loans, icon: 'loans', tone: 'normal', action: liff(liffId, 'loans', L.loans) },
    { label: L.search, icon: 'search', tone: 'normal', action: liff(liffId, 'search', L.search) },
    { label: L.phones, icon: 'phone', tone: 'normal', action: postback('phones', L.phones) },
    { label: L.unlink, icon: 'unlink', tone: 'quiet', action: postback('unlink', L.unlink) },
  ]
  return {
    key: 'b',
    aliasId: ALIAS_IDS.b,
    chatBarText: CHAT_BAR_TEXT,
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
  return { a: menuA(), b: menuB(liffId) }
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
