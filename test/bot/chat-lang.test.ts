/**
 * The chat answers in the language of the message just typed, when it shows one (a patron
 * walk: 「開館時間」 was answered in English because the app was last used in English).
 * Through the LINE simulator: Japanese script gets Japanese; Latin letters alone (an "ok", a
 * card number) get the language bunko keeps for the patron, as before. The kept language, the
 * rich menu and so the pushed notices stay as they were.
 */
import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { lineLinks } from '../../db/schema.ts'
import { type Bunko, startBunko } from '../support/bunko.ts'
import { say } from './chat-driver.ts'
import { linkPatron } from './link-flow.ts'

const HANAKO = { number: '1000000001', password: 'hanako-0001' }

let b: Bunko
let english: string
let japanese: string
beforeEach(async () => {
  b = await startBunko()
  english = b.users.find((u) => u.language === 'en')!.userId
  japanese = b.users.find((u) => u.language === 'ja')!.userId
  for (const u of [english, japanese]) await b.sim.users.follow(u)
  await b.settled()
})
afterEach(() => b.close())

/** The one text the bot answered with. */
async function answer(userId: string, text: string): Promise<string> {
  const replies = await say(b, userId, text)
  expect(replies).toHaveLength(1)
  return JSON.parse(replies[0]!).text as string
}

/** The LIFF app opened in English by `userId`: bunko keeps English as their language. */
async function useAppInEnglish(userId: string) {
  const token = await fetch(`${b.origin}/simulator/api/users/${userId}/id-token`)
  const { idToken } = (await token.json()) as { idToken: string }
  const res = await fetch(`${b.origin}/api/me`, {
    headers: { authorization: `Bearer ${idToken}`, 'accept-language': 'en' },
  })
  expect(res.status).toBe(200)
}

const keptLanguage = async (userId: string) =>
  (await b.db.orm.select().from(lineLinks).where(eq(lineLinks.lineUserId, userId)))[0]?.language

const JA_HOURS = '図書館の開館時間です'
const EN_HOURS = 'Library opening hours'

describe('the chat answers in the language of the message just typed', () => {
  it('a patron whose app was last used in English gets Japanese for Japanese, English for "opening hours"', async () => {
    await linkPatron(b, japanese, HANAKO.number, HANAKO.password)
    await useAppInEnglish(japanese)
    expect(await keptLanguage(japanese)).toBe('en')
    expect(await answer(japanese, '開館時間')).toContain(JA_HOURS)
    expect(await answer(japanese, '今日開いてる？')).toContain(JA_HOURS)
    // Kept as it was, so notices are still pushed in English; the menu follows it, not the
    // message (it turned English with the first message, as it does for any English user).
    expect(await keptLanguage(japanese)).toBe('en')
    expect(b.sim.state.userRichMenus.get(japanese)).toBe(b.menus.menuBEn)
    expect(await answer(japanese, 'opening hours')).toContain(EN_HOURS)
    expect(await keptLanguage(japanese)).toBe('en')
  })

  it('an English LINE user typing Japanese gets Japanese; Latin letters alone get English', async () => {
    expect(await answer(english, '開館時間')).toContain(JA_HOURS)
    expect((await say(b, english, 'カード')).join()).toContain('先にアカウント連携が必要です')
    expect(b.sim.state.userRichMenus.get(english)).toBe(b.menus.menuAEn)
    expect(await answer(english, 'opening hours')).toContain(EN_HOURS)
    // "ok" or a card number says nothing sure: the profile's English, as before.
    expect(await answer(english, 'ok')).toContain('How to use this account')
  })

  it('a Japanese LINE user typing Latin letters alone still gets Japanese', async () => {
    expect(await answer(japanese, 'opening hours')).toContain(JA_HOURS)
    expect(await answer(japanese, '1000000001')).toContain('使い方')
  })
})
