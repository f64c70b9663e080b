/**
 * ACC-FAMILY and LINE-LINK through the LINE simulator: a second card through the same
 * official account-link flow (LINE's accountLink event with its own nonce), unlinking one
 * card at a time, and the menu returning to A only when the last card goes.
 */
import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { lineLinks } from '../../db/schema.ts'
import { type Bunko, startBunko } from '../support/bunko.ts'
import { botTexts, linkPatron, openDialog, requestLinkPage, signInOnLinkPage } from './link-flow.ts'

const HANAKO = { id: 1, number: '1000000001', password: 'hanako-0001' }
const KENICHI = { id: 2, number: '1000000002', password: 'kenichi-0002' }
const YOKO = { number: '1000000011', password: 'other-0011' }

let b: Bunko
let user: string
let other: string

beforeEach(async () => {
  b = await startBunko()
  user = b.users[0]!.userId
  other = b.users[1]!.userId
  await b.sim.users.follow(user)
  await b.sim.users.follow(other)
  await b.settled()
})
afterEach(() => b.close())

const linksOf = async (lineUserId: string) =>
  (await b.db.orm.select().from(lineLinks).where(eq(lineLinks.lineUserId, lineUserId))).map(
    (l) => l.patronId,
  )

const menuOf = async (userId: string) => {
  try {
    return (await b.line.client.getRichMenuIdOfUser(userId)).richMenuId
  } catch {
    return 'default'
  }
}

/** The quick-reply postbacks of the last bot message. */
const lastQuickReplies = (userId: string) => {
  const last = b.sim.record.botMessages(userId).at(-1)?.message as {
    quickReply?: { items: { action: { label: string; data?: string } }[] }
  }
  return last.quickReply?.items.map((i) => i.action) ?? []
}

describe('ACC-FAMILY: family cards in the chat', () => {
  it('ACC-FAMILY, LINE-LINK: a second card links through its own accountLink event and says whose card it is', async () => {
    await linkPatron(b, user, HANAKO.number, HANAKO.password)
    const before = b.sim.record.botMessages(user).length
    // 「もう一枚カードを追加」 typed in the chat starts the same official flow.
    await b.sim.users.sendText(user, 'もう一枚カードを追加')
    await b.settled()
    const reply = b.sim.record.botMessages(user)[before]?.message as {
      template?: { text?: string; actions?: { uri?: string }[] }
    }
    // Said as adding a card, not as a first link (an English patron walk).
    expect(reply.template?.text).toMatch(/^もう一枚のカードを追加する手続きです。/)
    const linkUrl = reply.template?.actions?.[0]?.uri ?? ''
    expect(linkUrl).toMatch(/\/link\?linkToken=/)
    const signed = await signInOnLinkPage(b, linkUrl, KENICHI.number, KENICHI.password)
    expect(signed.res.status).toBe(303)
    const location = new URL(signed.res.headers.get('location') ?? '')
    expect(location.searchParams.get('nonce')).toBeTruthy()
    await openDialog(b, location.toString(), user)
    expect((await linksOf(user)).sort()).toEqual([HANAKO.id, KENICHI.id])
    expect(botTexts(b, user).at(-1)).toContain(
      '健一さんのカードを追加しました（連携中のカード：2枚）',
    )
    expect(await menuOf(user)).toBe(b.menus.menuB)
  })

  it('LINE-LINK: a card taken into another account’s family is removed from the first, which is told', async () => {
    await linkPatron(b, other, KENICHI.number, KENICHI.password)
    await linkPatron(b, user, HANAKO.number, HANAKO.password)
    const url = await requestLinkPage(b, user)
    const signed = await signInOnLinkPage(b, url, KENICHI.number, KENICHI.password)
    expect(signed.html).toContain('別のLINEアカウント')
    const confirm = await signed.page.post(`${b.origin}/link/confirm`, {
      csrf: /name="csrf" value="([^"]+)"/.exec(signed.html)![1]!,
      linkToken: signed.fields.linkToken,
      pending: /name="pending" value="([^"]+)"/.exec(signed.html)![1]!,
      choice: 'replace',
    })
    await openDialog(b, confirm.res.headers.get('location')!, user)
    expect((await linksOf(user)).sort()).toEqual([HANAKO.id, KENICHI.id])
    expect(await linksOf(other)).toEqual([])
    expect(await menuOf(other)).toBe('default')
    expect(botTexts(b, other).at(-1)).toMatch(/050-7105-8141/)
  })

  it('ACC-FAMILY: unlinking asks which card, removes only that one, and menu A returns with the last', async () => {
    await linkPatron(b, user, HANAKO.number, HANAKO.password)
    await linkPatron(b, user, YOKO.number, YOKO.password)
    await b.sim.users.postback(user, 'action=unlink')
    await b.settled()
    expect(botTexts(b, user).at(-1)).toContain('2枚の図書館カード')
    const choices = lastQuickReplies(user)
    expect(choices.map((c) => c.label)).toEqual(['山田 花子を解除', '吉田 陽子を解除', 'やめる'])
    await b.sim.users.postback(user, choices[0]!.data!)
    await b.settled()
    expect(await linksOf(user)).toHaveLength(1)
    expect(botTexts(b, user).at(-1)).toContain('花子さんのカードの連携を解除しました')
    expect(await menuOf(user)).toBe(b.menus.menuB)
    // Another account's patron cannot be unlinked from here.
    await linkPatron(b, other, KENICHI.number, KENICHI.password)
    await b.sim.users.postback(user, `action=unlink_confirm&patron=${KENICHI.id}`)
    await b.settled()
    expect(await linksOf(other)).toEqual([KENICHI.id])
    expect(await linksOf(user)).toHaveLength(1)
    // With one card left, unlinking confirms as before and menu A comes back.
    await b.sim.users.postback(user, 'action=unlink')
    await b.settled()
    expect(botTexts(b, user).at(-1)).toContain('解除しますか')
    await b.sim.users.postback(user, 'action=unlink_confirm')
    await b.settled()
    expect(await linksOf(user)).toEqual([])
    expect(await menuOf(user)).toBe('default')
  })

  it('ACC-FAMILY: a full family is told at once when it asks for another card', async () => {
    await b.db.orm
      .insert(lineLinks)
      .values([3, 4, 5, 6, 7, 8].map((patronId) => ({ lineUserId: user, patronId, linkedAt: 0 })))
      .returning({ id: lineLinks.id })
    await b.sim.users.postback(user, 'action=add_card')
    await b.settled()
    expect(botTexts(b, user).at(-1)).toContain('すでに6枚の図書館カードが連携されています')
  })

  it('ACC-FAMILY: in English, the help offers Add another card, and typing it (or another way of saying it) starts linking in English', async () => {
    const emma = b.users.find((u) => u.language === 'en')!.userId
    await b.sim.users.follow(emma)
    await b.settled()
    await linkPatron(b, emma, HANAKO.number, HANAKO.password)
    await b.sim.users.sendText(emma, 'help')
    await b.settled()
    expect(lastQuickReplies(emma).map((a) => a.label)).toContain('Add another card')
    for (const text of ['Add another card', 'Add another library card']) {
      const before = b.sim.record.botMessages(emma).length
      await b.sim.users.sendText(emma, text)
      await b.settled()
      const reply = b.sim.record.botMessages(emma)[before]?.message as {
        template?: { text?: string; actions?: { uri?: string }[] }
      }
      expect(reply.template?.text).toContain('To add another card')
      expect(new URL(reply.template?.actions?.[0]?.uri ?? '').searchParams.get('lang')).toBe('en')
    }
  })
})
