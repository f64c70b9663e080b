/**
 * SVC-MAINT in the chat (a patron walk: every tap in the window got only the maintenance
 * notice, even 電話番号, 使い方 and 連携解除). Through the LINE simulator: phone numbers, help
 * and unlinking, which need nothing from the library system, are answered in the window, each
 * answer still saying the service is down and from when the rest works; the card, loans and
 * linking still get only the maintenance notice.
 */
import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { jstInstant } from '../../core/dates.ts'
import { lineLinks } from '../../db/schema.ts'
import { type Bunko, startBunko } from '../support/bunko.ts'
import { say as sayAs, tap as tapAs } from './chat-driver.ts'
import { linkPatron } from './link-flow.ts'

const IN_WINDOW = jstInstant('2026-11-26', '03:20')
const DOWN = 'ただいまシステムのメンテナンス中です'

let b: Bunko
let linked: string
let english: string
beforeEach(async () => {
  b = await startBunko()
  linked = b.users.find((u) => u.language === 'ja')!.userId
  english = b.users.find((u) => u.language === 'en')!.userId
  for (const u of [linked, english]) await b.sim.users.follow(u)
  await b.settled()
  await linkPatron(b, linked, '1000000001', 'hanako-0001')
  b.setNow(IN_WINDOW)
})
afterEach(() => b.close())

const say = (userId: string, text: string) => sayAs(b, userId, text)

const tap = (userId: string, data: string) => tapAs(b, userId, data)

describe('SVC-MAINT: what the chat still answers in the maintenance window', () => {
  it('SVC-MAINT: 電話番号 (typed or tapped) gives the phone list, and says the service is down until 04:00', async () => {
    for (const answer of [await say(linked, '電話番号'), await tap(linked, 'action=phones')]) {
      expect(answer).toHaveLength(2)
      expect(answer[0]).toContain('050-7105-8141')
      expect(answer[1]).toContain(DOWN)
      expect(answer[1]).toContain(
        '図書館カードの表示や貸出・予約の確認は、2026年11月26日(木) 04:00ごろから',
      )
    }
  })

  it('SVC-MAINT: a lost card is answered in the window too (stopping it cannot wait), with the note', async () => {
    const answer = await say(linked, 'カードを紛失しました')
    expect(answer).toHaveLength(2)
    expect(answer[0]).toContain('050-7105-8141')
    expect(answer[1]).toContain(DOWN)
  })

  it('SVC-MAINT: 使い方 gives help, with the window note', async () => {
    const answer = await say(linked, '使い方')
    expect(answer).toHaveLength(2)
    expect(answer[0]).not.toContain(DOWN)
    // LINE shows quick replies under the last message only: the help's buttons go with the note.
    expect(answer[0]).not.toContain('quickReply')
    expect(answer[1]).toContain(DOWN)
    expect(answer[1]).toContain('quickReply')
  })

  it('SVC-MAINT, LINE-LINK: 連携解除 unlinks in the window; the note then says linking waits for 04:00', async () => {
    const asked = await say(linked, '連携解除')
    expect(asked[0]).toContain('action=unlink_confirm')
    const done = await tap(linked, 'action=unlink_confirm')
    expect(done).toHaveLength(2)
    expect(done[1]).toContain('アカウント連携は、2026年11月26日(木) 04:00ごろから')
    const rows = await b.db.orm.select().from(lineLinks).where(eq(lineLinks.lineUserId, linked))
    expect(rows).toEqual([])
    expect(b.sim.state.userRichMenus.get(linked) ?? 'default').toBe('default')
  })

  it('SVC-MAINT: the card, loans and linking still get only the maintenance notice', async () => {
    for (const answer of [
      await say(linked, 'カード'),
      await say(linked, '貸出'),
      await tap(linked, 'action=loans'),
      await tap(english, 'action=link'),
    ]) {
      expect(answer).toHaveLength(1)
      expect(answer[0]).toMatch(/メンテナンス中|daily maintenance/)
      expect(answer[0]).toMatch(/04:00/)
    }
  })

  it('SVC-MAINT: an English user is answered Phone numbers in English, with the English note', async () => {
    const answer = await tap(english, 'action=phones')
    expect(answer).toHaveLength(2)
    expect(answer[1]).toContain('The service is down for its daily maintenance')
    expect(answer[1]).toContain('Linking your account will be available from about')
    expect(answer.join('')).not.toMatch(/[ぁ-ん]/)
  })
})
