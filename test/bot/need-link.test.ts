/**
 * NOTICE-NOREPLY, LINE-LINK (a patron walk): before linking, the help message's quick reply
 * 「貸出・予約」 / "Loans & holds" was answered "To open My portal, please link your account
 * first." The answer now names what was asked, with the アカウント連携 button.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Bunko, startBunko } from '../support/bunko.ts'
import { say as sayAs, tap as tapAs } from './chat-driver.ts'

let b: Bunko
let ja: string
let en: string
beforeAll(async () => {
  b = await startBunko()
  ja = b.users.find((u) => u.language === 'ja')!.userId
  en = b.users.find((u) => u.language === 'en')!.userId
  await b.sim.users.follow(ja)
  await b.sim.users.follow(en)
  await b.settled()
})
afterAll(() => b.close())

const tap = (userId: string, data: string) => tapAs(b, userId, data)

const say = (userId: string, text: string) => sayAs(b, userId, text)

describe('LINE-LINK: "link first" names what the unlinked patron asked for', () => {
  it('the help quick reply 貸出・予約 is told loans and holds need linking, not My portal', async () => {
    const [answer] = await tap(ja, 'action=loans')
    expect(answer).toContain('貸出・予約を確認するには、先にアカウント連携が必要です。')
    expect(answer).not.toContain('マイポータル')
    expect(answer).toContain('action=link')
  })

  it('in English, "Loans & holds" is told the same', async () => {
    const [answer] = await tap(en, 'action=loans')
    expect(answer).toContain('To see your loans and holds, please link your account first.')
    expect(answer).not.toContain('My portal')
  })

  it('マイポータル and 蔵書検索 typed are each named in their own answer', async () => {
    expect((await say(ja, 'マイポータル'))[0]).toContain('マイポータルを開くには')
    expect((await say(ja, '蔵書検索'))[0]).toContain('蔵書検索を使うには')
  })
})
