/**
 * LINE-LINK, LINE-MENU: unlinking from the LIFF app's settings leaves the same trace in the
 * chat as the chat's own 連携解除 (a review found none): one push with the chat flow's words,
 * and the menu back to A when the last card goes; a second tap pushes nothing more.
 * Through the LINE simulator, as a patron does it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Bunko, startBunko } from '../support/bunko.ts'
import { linkPatron } from './link-flow.ts'

const HANAKO = { id: 1, number: '1000000001', password: 'hanako-0001' }
const RYO = { id: 10, number: '1000000010', password: 'ryo-00000010' }

let b: Bunko
let japanese: string
let english: string
beforeEach(async () => {
  b = await startBunko()
  japanese = b.users.find((u) => u.language === 'ja')!.userId
  english = b.users.find((u) => u.language === 'en')!.userId
})
afterEach(() => b.close())

async function linked(userId: string, ...cards: (typeof HANAKO)[]) {
  await b.sim.users.follow(userId)
  await b.settled()
  for (const card of cards) await linkPatron(b, userId, card.number, card.password)
}

/** The app's 連携解除 as the user: POST /api/unlink with their ID token (and card, if named). */
async function unlinkInApp(userId: string, lang: 'ja' | 'en', patron?: number) {
  const token = await fetch(`${b.origin}/simulator/api/users/${userId}/id-token`)
  const { idToken } = (await token.json()) as { idToken: string }
  return fetch(`${b.origin}/api/unlink`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${idToken}`,
      'accept-language': lang,
      ...(patron ? { 'X-Bunko-Patron': String(patron) } : {}),
    },
  })
}

/** The bot's messages to the user since `from`, as pushed or replied, with their text. */
const since = (userId: string, from: number) =>
  b.sim.record
    .botMessages(userId)
    .slice(from)
    .map((e) => ({ via: e.via, text: String((e.message as { text?: string }).text) }))

const menuOf = (userId: string) => b.sim.state.userRichMenus.get(userId) ?? 'default'

describe('LINE-LINK: unlinking in the app tells the chat, as unlinking in the chat does', () => {
  it('LINE-LINK, LINE-MENU: one push with the chat’s confirmation, the menu back to A, and nothing on a second tap', async () => {
    await linked(japanese, HANAKO)
    expect(menuOf(japanese)).toBe(b.menus.menuB)
    const from = b.sim.record.botMessages(japanese).length
    expect((await unlinkInApp(japanese, 'ja')).status).toBe(200)
    expect(since(japanese, from)).toEqual([
      {
        via: 'push',
        text: 'アカウント連携を解除しました。ご利用ありがとうございました。もう一度連携するときは、メニューの「アカウント連携」をタップしてください。',
      },
    ])
    expect(menuOf(japanese)).toBe('default')
    // A second tap (or a retried request): no link left to remove, so nothing more is said.
    expect((await unlinkInApp(japanese, 'ja')).status).toBe(403)
    expect(since(japanese, from)).toHaveLength(1)
  })

  it('LINE-LINK, LINE-MENU: the same words as the chat’s 連携解除, in English for an English user, with the English menu A', async () => {
    await linked(english, HANAKO)
    const from = b.sim.record.botMessages(english).length
    expect((await unlinkInApp(english, 'en')).status).toBe(200)
    const pushed = since(english, from)
    expect(pushed).toEqual([
      {
        via: 'push',
        text: 'Your account has been unlinked. Thank you for using the service. To link again, tap "Link your account" in the menu.',
      },
    ])
    expect(menuOf(english)).toBe(b.menus.menuAEn)
    // The chat flow's own answer, for comparison: the same sentence.
    await linkPatron(b, english, HANAKO.number, HANAKO.password)
    const chatFrom = b.sim.record.botMessages(english).length
    await b.sim.users.postback(english, 'action=unlink_confirm')
    await b.settled()
    expect(since(english, chatFrom).map((m) => m.text)).toEqual([pushed[0]!.text])
  })

  it('ACC-FAMILY, LINE-MENU: one card of two: the chat names whose card went, and the menu stays B', async () => {
    await linked(japanese, HANAKO, RYO)
    const from = b.sim.record.botMessages(japanese).length
    expect((await unlinkInApp(japanese, 'ja', RYO.id)).status).toBe(200)
    expect(since(japanese, from)).toEqual([
      {
        via: 'push',
        text: '亮さんのカードの連携を解除しました。ほかの1枚のカードはそのまま使えます。',
      },
    ])
    expect(menuOf(japanese)).toBe(b.menus.menuB)
    expect((await unlinkInApp(japanese, 'ja', HANAKO.id)).status).toBe(200)
    expect(since(japanese, from).at(-1)?.text).toMatch(/^アカウント連携を解除しました。/)
    expect(menuOf(japanese)).toBe('default')
  })

  it('LINE-LINK: a user who blocked the account is not pushed; the link still goes', async () => {
    await linked(japanese, HANAKO)
    await b.sim.users.unfollow(japanese)
    await b.settled()
    const pushes = () => b.sim.record.calls({ method: 'POST', path: '/v2/bot/message/push' }).length
    const before = pushes()
    expect((await unlinkInApp(japanese, 'ja')).status).toBe(200)
    expect(pushes()).toBe(before)
    expect(menuOf(japanese)).toBe('default')
  })
})
