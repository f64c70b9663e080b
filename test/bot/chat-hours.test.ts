/**
 * 開館時間 in the chat (NOTICE-NOREPLY; a review: 「今日開いてる？」 got the general help).
 * Through the LINE simulator on the demo library: each library's state at the bot's clock
 * from its hours and the calendar (LOAN-DUE-OPEN), its weekly hours and the main library's
 * phone; answered in the maintenance hour too (SVC-MAINT); and with no hours in the data, a
 * plain "we do not know" with the phone and the website instead of made-up hours.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { jstInstant } from '../../core/dates.ts'
import { places } from '../../db/schema.ts'
import { type Bunko, startBunko } from '../support/bunko.ts'
import { say } from './chat-driver.ts'

let b: Bunko
afterEach(() => b.close())

async function start(now: string, env: Record<string, string> = {}) {
  const [date, time] = now.split(' ') as [string, string]
  b = await startBunko({ now: jstInstant(date, time), env })
  const ja = b.users.find((u) => u.language === 'ja')!.userId
  const en = b.users.find((u) => u.language === 'en')!.userId
  for (const u of [ja, en]) await b.sim.users.follow(u)
  await b.settled()
  return { ja, en }
}

/** The one text the bot answered with. */
async function answer(userId: string, text: string): Promise<string> {
  const replies = await say(b, userId, text)
  expect(replies).toHaveLength(1)
  return JSON.parse(replies[0]!).text as string
}

describe('NOTICE-NOREPLY: the chat answers opening hours from the data', () => {
  it('LOAN-DUE-OPEN: 「今日開いてる？」 gives each library’s state now, its hours and the main phone', async () => {
    const { ja } = await start('2026-11-25 12:00')
    for (const asked of ['開館時間', '何時まで', '今日開いてる？']) {
      const text = await answer(ja, asked)
      expect(text).toContain('図書館の開館時間です（2026年11月25日(水) 12:00 現在）')
      expect(text).toContain(
        '中央図書館：開館中（20:00まで）\n月〜金 9:30〜20:00、土日 9:30〜18:00',
      )
      expect(text).toContain(
        '香里ヶ丘図書館：開館中（19:00まで）\n火〜金 10:00〜19:00、土日 10:00〜17:00（月休）',
      )
      expect(text).toContain('中央図書館（050-7105-8141）へお問い合わせください')
      expect(text).not.toContain('使い方のご案内')
    }
  })

  it('LOAN-DUE-OPEN: a closed date of the calendar (4th Thursday) and the hour of the day change the answer', async () => {
    const { ja } = await start('2026-11-26 19:30')
    const text = await answer(ja, '開館時間')
    expect(text).toContain('中央図書館：開館中（20:00まで）')
    expect(text).toContain('香里ヶ丘図書館：本日は休館日です')
    expect(text).toContain('駅前図書館：開館中（21:00まで）\n毎日 10:00〜21:00')
    b.setNow(jstInstant('2026-11-27', '08:00'))
    const morning = await answer(ja, '開館時間')
    expect(morning).toContain('香里ヶ丘図書館：本日は10:00から開館（19:00まで）')
    b.setNow(jstInstant('2026-11-27', '20:30'))
    expect(await answer(ja, '開館時間')).toContain('中央図書館：本日の開館は20:00で終わりました')
  })

  it('in English for an English user, with the libraries’ English names', async () => {
    const { en } = await start('2026-11-25 12:00')
    const text = await answer(en, 'Are you open today?')
    expect(text).toContain('Library opening hours (as of Wed 25 Nov 2026, 12:00, Japan time):')
    expect(text).toContain(
      'Central Library: open now, until 20:00\nMon–Fri 9:30–20:00; Sat, Sun 9:30–18:00',
    )
    expect(text).toContain('please call the Central Library (050-7105-8141)')
  })

  it('SVC-MAINT: answered in the maintenance hour too, with the note', async () => {
    const { ja } = await start('2026-11-26 03:20')
    const replies = await say(b, ja, '開館時間')
    expect(replies).toHaveLength(2)
    expect(replies[0]).toContain('中央図書館：本日は9:30から開館（20:00まで）')
    expect(replies[1]).toContain('ただいまシステムのメンテナンス中です')
  })

  it('no hours in the data: says so, with the phone and the website, and invents nothing', async () => {
    const { ja, en } = await start('2026-11-26 12:00', {
      OPAC_URL: 'https://toshokan.city.hirakata.osaka.jp/WebOpac/spopac/index.do',
    })
    await b.db.orm.update(places).set({ openingHours: null })
    const text = await answer(ja, '開館時間')
    expect(text).toContain(
      '申し訳ありませんが、このLINEアカウントには図書館の開館時間の情報がありません。中央図書館（050-7105-8141）へお電話いただくか、図書館のホームページ（https://toshokan.city.hirakata.osaka.jp/WebOpac/spopac/index.do）でご確認ください。',
    )
    // What the calendar knows is still said: the 4th Thursday's closed libraries.
    expect(text).toContain('なお、本日は次の図書館が休館日です：香里ヶ丘図書館、')
    expect(text).not.toMatch(/\d{1,2}:\d{2}/)
    const english = await answer(en, 'opening hours')
    expect(english).toContain(
      "Sorry, this LINE account does not have the libraries' opening hours. Please call the Central Library (050-7105-8141) or see the library's website (https://toshokan.city.hirakata.osaka.jp/WebOpac/spopac/index.do).",
    )
  })
})
