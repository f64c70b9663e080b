/**
 * ACC-RESET-LINKED: a reset of a linked patron takes effect only once that LINE account
 * confirms; LINE-LINK: a LINE account that loses its link is told at once.
 */
import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { verifyPassword } from '../../db/password.ts'
import { lineLinks, passwordResets, patrons } from '../../db/schema.ts'
import { type Bunko, startBunko } from '../support/bunko.ts'
import {
  botTexts,
  browser,
  hidden,
  linkPatron,
  openDialog,
  requestLinkPage,
  signInOnLinkPage,
} from './link-flow.ts'

const HANAKO = {
  number: '1000000001',
  password: 'hanako-0001',
  name: '山田 花子',
  phone: '090-0000-0001',
}
const NEW_PASSWORD = 'takeover-2026x'

let b: Bunko
let owner: string
let stranger: string
beforeEach(async () => {
  b = await startBunko()
  owner = b.users[0]!.userId
  stranger = b.users[1]!.userId
  for (const u of [owner, stranger]) await b.sim.users.follow(u)
  await b.settled()
  await linkPatron(b, owner, HANAKO.number, HANAKO.password)
})
afterEach(() => b.close())

const hash = async () =>
  (await b.db.orm.select().from(patrons).where(eq(patrons.number, HANAKO.number)))[0]!.passwordHash

async function requestReset() {
  const page = browser()
  const form = await page.get(`${b.origin}/password`)
  return page.post(`${b.origin}/password`, {
    csrf: hidden(form.html, 'csrf'),
    number: HANAKO.number,
    name: HANAKO.name,
    phone: HANAKO.phone,
    password: NEW_PASSWORD,
    confirm: NEW_PASSWORD,
  })
}

/** The postback data of the last confirm template the owner received, by button. */
function confirmButtons(userId: string) {
  const last = b.sim.record
    .botMessages(userId)
    .map((e) => e.message as { template?: { actions?: { data?: string; label?: string }[] } })
    .filter((m) => m.template?.actions)
    .at(-1)
  const [reset, cancel] = last!.template!.actions!
  return { reset: reset!.data!, cancel: cancel!.data! }
}

async function tap(userId: string, data: string) {
  const before = b.sim.record.botMessages(userId).length
  await b.sim.users.postback(userId, data)
  await b.settled()
  return botTexts(b, userId, before).join('\n')
}

describe('ACC-RESET-LINKED', () => {
  it('ACC-RESET-LINKED: number + name + phone alone change nothing for a linked patron; the LINE account is asked', async () => {
    const before = await hash()
    const res = await requestReset()
    expect(res.res.status).toBe(200)
    expect(res.html).toContain('LINEで確認してください')
    expect(res.html).toContain('30分以内')
    expect(await hash()).toBe(before)
    expect(await verifyPassword(HANAKO.password, await hash())).toBe(true)
    const asked = botTexts(b, owner).at(-1)!
    expect(asked).toContain('パスワード再設定')
    // The stranger's own LINE account got nothing, and cannot use the owner's button.
    expect(botTexts(b, stranger).join()).not.toContain('パスワード再設定')
    const { reset } = confirmButtons(owner)
    expect(await tap(stranger, reset)).toContain('期限切れ')
    expect(await verifyPassword(HANAKO.password, await hash())).toBe(true)
  })

  it('ACC-RESET-LINKED: the owner confirms once and the new password takes effect; a second tap does nothing', async () => {
    await requestReset()
    const { reset } = confirmButtons(owner)
    expect(await tap(owner, reset)).toContain('パスワードを再設定しました')
    expect(await verifyPassword(NEW_PASSWORD, await hash())).toBe(true)
    expect(await tap(owner, reset)).toContain('期限切れ')
    expect(await b.db.orm.select().from(passwordResets)).toHaveLength(1)
  })

  it('ACC-RESET-LINKED: 取り消す keeps the password; a confirm after 30 minutes does nothing', async () => {
    await requestReset()
    expect(await tap(owner, confirmButtons(owner).cancel)).toContain('取り消しました')
    expect(await verifyPassword(HANAKO.password, await hash())).toBe(true)
    await requestReset()
    const { reset } = confirmButtons(owner)
    b.setNow(b.clock.now() + 30 * 60_000)
    expect(await tap(owner, reset)).toContain('期限切れ')
    expect(await verifyPassword(HANAKO.password, await hash())).toBe(true)
  })

  it('ACC-RESET-LINKED: a linked account that blocked the bot cannot confirm: reset at a counter', async () => {
    await b.db.orm.update(lineLinks).set({ followed: false }).where(eq(lineLinks.lineUserId, owner))
    const res = await requestReset()
    expect(res.res.status).toBe(400)
    expect(res.html).toContain('窓口')
    expect(await verifyPassword(HANAKO.password, await hash())).toBe(true)
  })

  it('ACC-RESET: an unlinked patron still resets at once', async () => {
    const page = browser()
    const form = await page.get(`${b.origin}/password`)
    const res = await page.post(`${b.origin}/password`, {
      csrf: hidden(form.html, 'csrf'),
      number: '1000000008',
      name: '中村 翔太',
      phone: '090-0000-0008',
      password: 'shota-0008x',
      confirm: 'shota-0008x',
    })
    expect(res.res.status).toBe(200)
    expect(res.html).not.toContain('LINEで確認')
  })
})

describe('LINE-LINK', () => {
  it('LINE-LINK: when a link is replaced, the LINE account that loses it is told at once, naming no title', async () => {
    const before = b.sim.record.botMessages(owner).length
    const signed = await signInOnLinkPage(
      b,
      await requestLinkPage(b, stranger),
      HANAKO.number,
      HANAKO.password,
    )
    const confirm = await signed.page.post(`${b.origin}/link/confirm`, {
      csrf: hidden(signed.html, 'csrf'),
      linkToken: signed.fields.linkToken,
      pending: hidden(signed.html, 'pending'),
      choice: 'replace',
    })
    await openDialog(b, confirm.res.headers.get('location')!, stranger)
    const told = botTexts(b, owner, before).join('\n')
    expect(told).toContain('別のLINEアカウント')
    expect(told).toContain('050-7105-8141')
    expect(told).not.toMatch(/「/)
    const links = await b.db.orm.select().from(lineLinks)
    expect(links.map((l) => l.lineUserId)).toEqual([stranger])
  })
})
