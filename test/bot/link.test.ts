import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { lineLinks } from '../../db/schema.ts'
import { type Bunko, startBunko } from '../support/bunko.ts'
import { botTexts, linkPatron, openDialog, requestLinkPage, signInOnLinkPage } from './link-flow.ts'

const HANAKO = { number: '1000000001', password: 'hanako-0001' }
const KENICHI = { number: '1000000002', password: 'kenichi-0002' }

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

const linkOf = async (lineUserId: string) =>
  (await b.db.orm.select().from(lineLinks).where(eq(lineLinks.lineUserId, lineUserId)))[0]

const menuOf = async (userId: string) => {
  try {
    return (await b.line.client.getRichMenuIdOfUser(userId)).richMenuId
  } catch {
    return 'default'
  }
}

describe('LINE-LINK: account linking through the simulator', () => {
  it('follow greets with アカウント連携; linking binds the patron and switches to menu B (LINE-MENU)', async () => {
    expect(botTexts(b, user).join()).toContain('アカウント連携')
    expect(await menuOf(user)).toBe('default')
    await linkPatron(b, user, HANAKO.number, HANAKO.password)
    const link = await linkOf(user)
    expect(link?.patronId).toBeGreaterThan(0)
    expect(botTexts(b, user).at(-1)).toContain('アカウント連携が完了しました')
    expect(await menuOf(user)).toBe(b.menus.menuB)
  })

  it('the link page asks for number and password, in Japanese, with a CSRF token', async () => {
    const url = await requestLinkPage(b, user)
    const res = await fetch(url)
    const html = await res.text()
    expect(html).toContain('利用者番号')
    expect(html).toContain('name="csrf"')
    expect(html).toContain('<label for="password">')
  })

  it('refuses a form without its CSRF cookie and links nothing', async () => {
    const url = await requestLinkPage(b, user)
    const signed = await signInOnLinkPage(b, url, HANAKO.number, HANAKO.password)
    const forged = await fetch(`${b.origin}/link`, {
      method: 'POST',
      body: new URLSearchParams({ ...signed.fields, csrf: 'f'.repeat(32) }),
      redirect: 'manual',
    })
    expect(forged.status).toBe(403)
  })

  it('refuses a link page whose state was not signed by the bot', async () => {
    const url = new URL(await requestLinkPage(b, user))
    // Change the MAC's first character: its 6 bits all count (the last character's low bits
    // are padding, so replacing it with 'A' left the MAC valid one time in sixteen).
    const [user_, lang, issued, mac] = url.searchParams.get('state')!.split('.')
    const forged = `${mac![0] === 'A' ? 'B' : 'A'}${mac!.slice(1)}`
    url.searchParams.set('state', [user_, lang, issued, forged].join('.'))
    expect((await fetch(url)).status).toBe(410)
  })

  it('a malformed state (any length, any characters) is refused as expired, never a 500', async () => {
    const url = new URL(await requestLinkPage(b, user))
    const good = url.searchParams.get('state')!
    const parts = good.split('.')
    for (const mac of ['A', 'AB', 'ABCDE', `${parts[3]}A`, '%%%', '']) {
      url.searchParams.set('state', [...parts.slice(0, 3), mac].join('.'))
      expect((await fetch(url)).status).toBe(410)
    }
  })

  it('ACC-SECRET: a patron without a password is answered like a wrong password, pointing to registration', async () => {
    const url = await requestLinkPage(b, user)
    const none = await signInOnLinkPage(b, url, '1000000008', 'anything-12')
    const wrong = await signInOnLinkPage(b, url, HANAKO.number, 'not-her-password1')
    const message = (html: string) => /role="alert">([^<]*)</.exec(html)?.[1]
    expect(message(none.html)).toBe(message(wrong.html))
    expect(message(none.html)).toContain('パスワードの登録・再設定')
  })

  it('ACC-SECRET: a wrong number and a wrong password get the same answer', async () => {
    const url = await requestLinkPage(b, user)
    const wrongPassword = await signInOnLinkPage(b, url, HANAKO.number, 'not-her-password1')
    const wrongNumber = await signInOnLinkPage(b, url, '1999999999', HANAKO.password)
    expect(wrongPassword.res.status).toBe(400)
    const message = (html: string) => /role="alert">([^<]*)</.exec(html)?.[1]
    expect(message(wrongPassword.html)).toBeTruthy()
    expect(message(wrongPassword.html)).toBe(message(wrongNumber.html))
  })

  it('ACC-SECRET: five wrong passwords lock the number, and the lock is said plainly', async () => {
    const url = await requestLinkPage(b, user)
    for (let i = 0; i < 5; i++) await signInOnLinkPage(b, url, HANAKO.number, `wrong-pass-${i}`)
    const locked = await signInOnLinkPage(b, url, HANAKO.number, HANAKO.password)
    expect(locked.res.status).toBe(429)
    expect(locked.html).toContain('ロック')
    expect(await linkOf(user)).toBeUndefined()
  })

  it('ACC-BLOCK-OVERDUE: a patron with a loan 60+ days overdue cannot link', async () => {
    const url = await requestLinkPage(b, user)
    const res = await signInOnLinkPage(b, url, '1000000004', 'makoto-0004')
    expect(res.res.status).toBe(400)
    expect(res.html).toContain('60日以上')
  })

  it('ACC-EXPIRED, ACC-ELIGIBLE and ACC-PASSWORD refusals say what to do next', async () => {
    const url = await requestLinkPage(b, user)
    const expired = await signInOnLinkPage(b, url, '1000000005', 'sachiko-0005')
    expect(expired.html).toContain('無効')
    const wide = await signInOnLinkPage(b, url, '1000000006', 'naoki-0006')
    expect(wide.html).toContain('広域利用')
    const none = await signInOnLinkPage(b, url, '1000000008', 'anything-1')
    expect(none.html).toContain('パスワード')
    expect(none.html).toContain('href="/password?lang=ja&amp;linkToken=')
  })

  it('an expired nonce links nothing and says to start again', async () => {
    const url = await requestLinkPage(b, user)
    const signed = await signInOnLinkPage(b, url, HANAKO.number, HANAKO.password)
    const location = signed.res.headers.get('location')!
    // The simulator's link token lives 10 minutes too, so the dialog itself refuses: the
    // bot gets `failed` and says so. Either way nothing is linked.
    b.setNow(b.clock.now() + 11 * 60_000)
    await openDialog(b, location, user)
    expect(await linkOf(user)).toBeUndefined()
    expect(botTexts(b, user).at(-1)).toMatch(/連携(を完了できませんでした|の有効期限)/)
  })

  it('a reused nonce is refused: the second accountLink event links nothing', async () => {
    await linkPatron(b, user, HANAKO.number, HANAKO.password)
    const nonce = b.sim.record
      .chat(user)
      .filter((e) => e.via === 'accountLink')
      .map((e) => (e.message as { link: { nonce: string } }).link.nonce)[0]!
    // The other user replays the spent nonce through a fresh, genuine dialog.
    const url = await requestLinkPage(b, other)
    const token = new URL(url).searchParams.get('linkToken')!
    const dialog = new URL('/dialog/bot/accountLink', b.origin)
    dialog.searchParams.set('linkToken', token)
    dialog.searchParams.set('nonce', nonce)
    await openDialog(b, dialog.toString(), other)
    expect(await linkOf(other)).toBeUndefined()
    expect((await linkOf(user))?.patronId).toBeGreaterThan(0)
    expect(botTexts(b, other).at(-1)).toContain('有効期限')
  })

  it('a failed accountLink result binds nothing and says so', async () => {
    const url = await requestLinkPage(b, user)
    const signed = await signInOnLinkPage(b, url, HANAKO.number, HANAKO.password)
    // Opened by the wrong LINE user: LINE answers `failed`.
    await openDialog(b, signed.res.headers.get('location')!, other)
    expect(await linkOf(user)).toBeUndefined()
    expect(await linkOf(other)).toBeUndefined()
    expect(botTexts(b, other).at(-1)).toContain('連携を完了できませんでした')
  })

  it('LINE-LINK, ACC-FAMILY: linking another patron from the same account adds it without asking', async () => {
    await linkPatron(b, user, HANAKO.number, HANAKO.password)
    const first = (await linkOf(user))!.patronId
    const url = await requestLinkPage(b, user)
    const signed = await signInOnLinkPage(b, url, KENICHI.number, KENICHI.password)
    expect(signed.res.status).toBe(303)
    await openDialog(b, signed.res.headers.get('location')!, user)
    const links = await b.db.orm.select().from(lineLinks).where(eq(lineLinks.lineUserId, user))
    expect(links.map((l) => l.patronId)).toContain(first)
    expect(links).toHaveLength(2)
  })

  it('linking a patron from a second LINE account moves the link and the old account back to menu A', async () => {
    await linkPatron(b, user, HANAKO.number, HANAKO.password)
    const url = await requestLinkPage(b, other)
    const signed = await signInOnLinkPage(b, url, HANAKO.number, HANAKO.password)
    expect(signed.html).toContain('別のLINEアカウント')
    const confirm = await signed.page.post(`${b.origin}/link/confirm`, {
      csrf: /name="csrf" value="([^"]+)"/.exec(signed.html)![1]!,
      linkToken: signed.fields.linkToken,
      pending: /name="pending" value="([^"]+)"/.exec(signed.html)![1]!,
      choice: 'replace',
    })
    await openDialog(b, confirm.res.headers.get('location')!, other)
    expect(await linkOf(user)).toBeUndefined()
    expect(await linkOf(other)).toBeDefined()
    expect(await menuOf(user)).toBe('default')
    expect(await menuOf(other)).toBe(b.menus.menuB)
  })

  it('unlinking asks to confirm, removes the link and returns to menu A', async () => {
    await linkPatron(b, user, HANAKO.number, HANAKO.password)
    await b.sim.users.postback(user, 'action=unlink')
    await b.settled()
    expect(botTexts(b, user).at(-1)).toContain('解除しますか')
    expect(await linkOf(user)).toBeDefined()
    await b.sim.users.postback(user, 'action=unlink_confirm')
    await b.settled()
    expect(await linkOf(user)).toBeUndefined()
    expect(await menuOf(user)).toBe('default')
    expect(botTexts(b, user).at(-1)).toContain('解除しました')
  })
})
