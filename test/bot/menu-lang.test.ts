/**
 * LINE-MENU in the user's language (a patron walk: an English LINE user saw the Japanese menu
 * image and every tap posted Japanese words into their chat). Through the LINE simulator: a
 * user whose LINE is in English is linked to the English menu A on following, to the English
 * B on linking, and back to the English A on unlinking (in the chat or in the app). Japanese
 * users see what they saw before: LINE's default A, B when linked, and no extra LINE calls.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ALIAS_IDS } from '../../bot/richmenu/definitions.ts'
import { type Bunko, startBunko, TEST_NOW } from '../support/bunko.ts'
import { linkPatron, openDialog, requestLinkPage, signInOnLinkPage } from './link-flow.ts'

const HANAKO = { number: '1000000001', password: 'hanako-0001' }

let b: Bunko
let english: string
let japanese: string
beforeEach(async () => {
  b = await startBunko()
  english = b.users.find((u) => u.language === 'en')!.userId
  japanese = b.users.find((u) => u.language === 'ja')!.userId
})
afterEach(() => b.close())

/** The menu linked to the user, or 'default' when they see LINE's default menu. */
const menuOf = (userId: string) => b.sim.state.userRichMenus.get(userId) ?? 'default'

/** Every per-user rich menu call the bot made for this user. */
const menuCalls = (userId: string) =>
  b.sim.record.calls({ path: new RegExp(`^/v2/bot/user/${userId}/richmenu`) })

async function follow(userId: string) {
  await b.sim.users.follow(userId)
  await b.settled()
}

async function say(userId: string, text: string) {
  await b.sim.users.sendText(userId, text)
  await b.settled()
}

async function tap(userId: string, data: string) {
  await b.sim.users.postback(userId, data)
  await b.settled()
}

/** The LIFF app's 連携解除 as the user, in English: POST /api/unlink with their ID token. */
async function unlinkInApp(userId: string): Promise<Response> {
  const token = await fetch(`${b.origin}/simulator/api/users/${userId}/id-token`)
  const { idToken } = (await token.json()) as { idToken: string }
  return fetch(`${b.origin}/api/unlink`, {
    method: 'POST',
    headers: { authorization: `Bearer ${idToken}`, 'accept-language': 'en' },
  })
}

describe('LINE-MENU: the rich menu speaks the user’s LINE language', () => {
  it('an English user who follows gets the English menu A, whose taps post English words', async () => {
    await follow(english)
    expect(menuOf(english)).toBe(b.menus.menuAEn)
    const menu = b.sim.state.richMenus.get(b.menus.menuAEn)!
    expect(menu.chatBarText).toBe('Menu')
    expect(menu.image).toBeDefined()
    expect(menu.areas.map((a) => a.action.displayText)).toEqual([
      'Link your account',
      'How to use',
      'Phone numbers',
    ])
  })

  it('a Japanese user keeps LINE’s default Japanese menu, with no menu call for them', async () => {
    await follow(japanese)
    await say(japanese, '使い方')
    expect(menuOf(japanese)).toBe('default')
    expect(b.sim.state.defaultRichMenuId).toBe(b.menus.menuA)
    expect(menuCalls(japanese)).toEqual([])
  })

  it('LINE-LINK: linking gives the English B, and unlinking in the chat the English A', async () => {
    await follow(english)
    await linkPatron(b, english, HANAKO.number, HANAKO.password)
    expect(menuOf(english)).toBe(b.menus.menuBEn)
    const shown = b.sim.state.richMenus.get(b.menus.menuBEn)!.areas.map((a) => a.action.label)
    expect(shown).toEqual([
      'Library card',
      'My portal',
      'Loans & holds',
      'Search',
      'Phone numbers',
      'Unlink',
    ])
    await tap(english, 'action=unlink')
    await tap(english, 'action=unlink_confirm')
    expect(menuOf(english)).toBe(b.menus.menuAEn)
  })

  it('LINE-LINK: a Japanese user is linked to the Japanese B and unlinked to the default, as before', async () => {
    await follow(japanese)
    await linkPatron(b, japanese, HANAKO.number, HANAKO.password)
    expect(menuOf(japanese)).toBe(b.menus.menuB)
    await tap(japanese, 'action=unlink_confirm')
    expect(menuOf(japanese)).toBe('default')
  })

  it('unlinking in the app (in English) gives the English menu A', async () => {
    await follow(english)
    await linkPatron(b, english, HANAKO.number, HANAKO.password)
    expect((await unlinkInApp(english)).status).toBe(200)
    expect(menuOf(english)).toBe(b.menus.menuAEn)
  })

  it('an English user who followed before the English menus existed gets them at their next message', async () => {
    const aliases = b.sim.state.aliases
    const englishA = aliases.get(ALIAS_IDS['a-en'])!
    const englishB = aliases.get(ALIAS_IDS['b-en'])!
    aliases.delete(ALIAS_IDS['a-en'])
    aliases.delete(ALIAS_IDS['b-en'])
    await follow(english)
    // No English menu to give: LINE's default (the Japanese A), as before.
    expect(menuOf(english)).toBe('default')
    // `npm run richmenu` makes them; the bot reads the aliases again within minutes.
    aliases.set(ALIAS_IDS['a-en'], englishA)
    aliases.set(ALIAS_IDS['b-en'], englishB)
    b.setNow(TEST_NOW + 6 * 60_000)
    await say(english, 'help')
    expect(menuOf(english)).toBe(englishA)
    // Given once: the next message costs no menu call.
    const calls = menuCalls(english).length
    await say(english, 'help')
    expect(menuCalls(english)).toHaveLength(calls)
  })

  it('unlinking in the app while LINE will not name the English menus does not leave menu B', async () => {
    await follow(english)
    await linkPatron(b, english, HANAKO.number, HANAKO.password)
    b.sim.faults.add({ match: 'GET /v2/bot/richmenu/alias/*', status: 500 })
    expect((await unlinkInApp(english)).status).toBe(200)
    // LINE's default (the Japanese A) rather than the linked patron's B.
    expect(menuOf(english)).toBe('default')
  })

  it('one failed profile call does not give an English user the Japanese menu', async () => {
    await follow(english)
    expect(menuOf(english)).toBe(b.menus.menuAEn)
    // The profile is read again once its ten minutes are up, and LINE fails that once.
    b.setNow(TEST_NOW + 11 * 60_000)
    b.sim.faults.add({ match: `GET /v2/bot/profile/${english}`, status: 500, times: 1 })
    await say(english, 'help')
    expect(menuOf(english)).toBe(b.menus.menuAEn)
    const answer = b.sim.record.botMessages(english).at(-1)
    expect(JSON.stringify(answer)).not.toMatch(/[ぁ-ん]{4}/)
  })

  it('LINE-LINK: an English account whose patron is linked from another account gets the English A back', async () => {
    await follow(english)
    await linkPatron(b, english, HANAKO.number, HANAKO.password)
    expect(menuOf(english)).toBe(b.menus.menuBEn)
    await follow(japanese)
    const url = await requestLinkPage(b, japanese)
    const signed = await signInOnLinkPage(b, url, HANAKO.number, HANAKO.password)
    const hidden = (name: string) =>
      new RegExp(`name="${name}" value="([^"]+)"`).exec(signed.html)![1]!
    const confirm = await signed.page.post(`${b.origin}/link/confirm`, {
      csrf: hidden('csrf'),
      linkToken: signed.fields.linkToken,
      pending: hidden('pending'),
      choice: 'replace',
    })
    await openDialog(b, confirm.res.headers.get('location')!, japanese)
    expect(menuOf(japanese)).toBe(b.menus.menuB)
    expect(menuOf(english)).toBe(b.menus.menuAEn)
  })
})
