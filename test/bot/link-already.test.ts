/**
 * LINE-LINK, ACC-FAMILY (a patron walk): "Add another card" signed in with the card this LINE
 * account already has was answered "Your account is linked. The menu has changed…". The link
 * page now says the card is already linked here, that nothing changed, and how to add a
 * different card; LINE's dialog is never opened and the link is left as it was.
 */
import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { lineLinks } from '../../db/schema.ts'
import { type Bunko, startBunko } from '../support/bunko.ts'
import { botTexts, linkPatron, signInOnLinkPage } from './link-flow.ts'

const HANAKO = { id: 1, number: '1000000001', password: 'hanako-0001' }

let b: Bunko
beforeEach(async () => {
  b = await startBunko()
})
afterEach(() => b.close())

const linksOf = (lineUserId: string) =>
  b.db.orm.select().from(lineLinks).where(eq(lineLinks.lineUserId, lineUserId))

/** Type 「もう一枚カードを追加」 (or its English) and return the link page URL from the reply. */
async function addCardPage(userId: string, words: string): Promise<string> {
  const before = b.sim.record.botMessages(userId).length
  await b.sim.users.sendText(userId, words)
  await b.settled()
  const reply = b.sim.record.botMessages(userId)[before]?.message as {
    template?: { actions?: { uri?: string }[] }
  }
  const url = reply.template?.actions?.[0]?.uri ?? ''
  expect(url).toMatch(/\/link\?linkToken=/)
  return url
}

describe('LINE-LINK: adding the card this LINE account already has', () => {
  it('ACC-FAMILY: the page says it is already linked here and nothing changed; no dialog, no chat message', async () => {
    const user = b.users.find((u) => u.language === 'ja')!.userId
    await b.sim.users.follow(user)
    await b.settled()
    await linkPatron(b, user, HANAKO.number, HANAKO.password)
    const linked = await linksOf(user)
    const url = await addCardPage(user, 'もう一枚カードを追加')
    const chatBefore = botTexts(b, user).length
    const signed = await signInOnLinkPage(b, url, HANAKO.number, HANAKO.password)
    expect(signed.res.status).toBe(200)
    expect(signed.html).toContain('すでにこのLINEアカウントと連携しています')
    expect(signed.html).toContain('変更はありません')
    expect(signed.html).toContain('もう一枚カードを追加')
    expect(signed.html).not.toContain('accountLink')
    expect(await linksOf(user)).toEqual(linked)
    expect(botTexts(b, user, chatBefore)).toEqual([])
  })

  it('is said in English for an English LINE user', async () => {
    const user = b.users.find((u) => u.language === 'en')!.userId
    await b.sim.users.follow(user)
    await b.settled()
    await linkPatron(b, user, HANAKO.number, HANAKO.password)
    const url = await addCardPage(user, 'Add another card')
    const signed = await signInOnLinkPage(b, url, HANAKO.number, HANAKO.password)
    expect(signed.res.status).toBe(200)
    expect(signed.html).toContain('This card is already linked to this LINE account')
    expect(signed.html).toContain('nothing was changed')
    expect(signed.html).not.toMatch(/[ぁ-ん]/)
  })
})
