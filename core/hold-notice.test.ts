import { describe, expect, it } from 'vitest'
import { holdsPlacedMessage, placedHoldsCall, placedHoldsMessage } from './hold-messages.ts'
import { type HoldNoticeFacts, holdNoticeWay } from './hold-notice.ts'
import { phoneLine } from './messages.ts'
import { KUZUHA, LOCKER, P } from './test-fixtures.ts'

const ON: HoldNoticeFacts = {
  followed: true,
  holdReady: true,
  channel: 'line',
  emailConfirmed: true,
}
const placed = (notice: HoldNoticeFacts) => holdsPlacedMessage(1, 0, KUZUHA, P, notice)
/** The notice's own lines: after 受け付けました and the shelf line. */
const lines = (text: string) => text.split('\n').slice(2)

describe('NOTICE-KINDS: the hold confirmation says truly how the patron will hear it is ready', () => {
  it('NOTICE-SLOTS: LINE, at the slots, only when a LINE push will come', () => {
    expect(holdNoticeWay(ON)).toBe('line')
    const m = placed(ON)
    expect(m.ja).toContain('ご用意ができたら、LINEで10時・16時のいずれかにお知らせします。')
    expect(m.en).toContain('We will tell you on LINE when it is ready (notices go out at 10:00')
  })

  it('NOTICE-KINDS: LINE hold notices turned off, a confirmed e-mail: e-mail, and how to have LINE again', () => {
    const off = { ...ON, holdReady: false }
    expect(holdNoticeWay(off)).toBe('email')
    const m = placed(off)
    expect(m.ja).not.toContain('LINEで10時')
    expect(lines(m.ja)).toEqual([
      '設定で「予約資料の用意ができたとき」のLINEのお知らせがオフになっているため、LINEではお知らせしません。',
      'ご用意ができたら、ご登録のメールアドレスにお知らせします。',
      'LINEで受け取るには、設定の「LINEでのお知らせ」で「予約資料の用意ができたとき」をオンにしてください。',
    ])
    expect(m.en).not.toContain('on LINE when it is ready')
    expect(lines(m.en)).toEqual([
      'LINE notices for ready holds are turned off, so they will not come on LINE.',
      'We will tell you by e-mail, at the address registered with the library, when it is ready.',
      'To be told on LINE, turn on "When a hold is ready" in Settings (LINE notices).',
    ])
  })

  it('NOTICE-KINDS: notices set to come by e-mail: e-mail, with no LINE setting to point at', () => {
    const m = placed({ ...ON, channel: 'email' })
    expect(lines(m.ja).slice(0, 2)).toEqual([
      'お知らせの連絡方法がメールになっているため、LINEではお知らせしません。',
      'ご用意ができたら、ご登録のメールアドレスにお知らせします。',
    ])
    expect(m.ja).not.toContain('オンにしてください')
    // What to do next: the channel is changed at the counter.
    expect(m.ja).toContain('LINEで受け取りたいときは、図書館のカウンターでお申し出ください。')
    expect(m.en).toContain('Your notices are set to come by e-mail')
  })

  it('NOTICE-KINDS: no LINE notice and no e-mail: no notice, so the holds list or a call to the pickup place', () => {
    const none = { ...ON, holdReady: false, emailConfirmed: false }
    expect(holdNoticeWay(none)).toBe('none')
    const m = placed(none)
    // A patron walk: one paragraph was too much at 150% text. What happened, why no notice
    // will come, what to do: a short line each, the words as they were.
    expect(m.ja.split('\n')).toEqual([
      '1点の予約を受け付けました。受取場所は楠葉図書館です。',
      '書架にある資料でも、すぐにご用意できるとは限りません。',
      '設定で「予約資料の用意ができたとき」のLINEのお知らせがオフになっているため、LINEではお知らせしません。',
      'ほかにお知らせする方法もないため、ご用意ができてもお知らせは届きません。',
      '予約中一覧でご確認いただくか、楠葉図書館（050-7102-3113）へお電話でお問い合わせください。',
      'LINEで受け取るには、設定の「LINEでのお知らせ」で「予約資料の用意ができたとき」をオンにしてください。',
    ])
    expect(m.en.split('\n')).toEqual([
      'Your hold has been placed for pickup at Kuzuha Library.',
      'Items on the shelf may still take a little while to prepare.',
      'LINE notices for ready holds are turned off, so they will not come on LINE.',
      'With no other way to reach you, no notice will come when it is ready.',
      'Please check your list of holds, or phone Kuzuha Library (050-7102-3113).',
      'To be told on LINE, turn on "When a hold is ready" in Settings (LINE notices).',
    ])
  })

  it('NOTICE-KINDS: a blocked account cannot be pushed: said, with unblocking as the way back to LINE', () => {
    const blocked = { ...ON, followed: false, emailConfirmed: false }
    expect(holdNoticeWay(blocked)).toBe('none')
    const m = placed(blocked)
    expect(m.ja).toContain('この公式アカウントをブロックしているため、LINEではお知らせできません。')
    expect(m.ja).toContain('ブロックを解除すると、LINEでお知らせします。')
    expect(m.en).toContain('Unblock the account to be told on LINE.')
    expect(holdNoticeWay({ ...blocked, emailConfirmed: true })).toBe('email')
  })
})

describe('NOTICE-KINDS: whom the confirmation asks the patron to phone (the 完了 call button)', () => {
  const at = (pickupPlace: typeof KUZUHA) => [{ pickupPlace, set: null }]
  const none = { ...ON, holdReady: false, emailConfirmed: false }

  it('with no notice coming: the place its what-to-do line names, that line and no other', () => {
    const call = placedHoldsCall(at(KUZUHA), P, none)
    expect(call).toEqual({ ja: '楠葉図書館', en: 'Kuzuha Library', phone: '050-7102-3113' })
    const m = placedHoldsMessage(at(KUZUHA), P, none)
    const p = phoneLine(call!)
    expect(m.ja.split('\n').filter((l) => l.includes(call!.phone))).toEqual([
      `予約中一覧でご確認いただくか、${p.ja}へお電話でお問い合わせください。`,
    ])
    expect(m.en.split('\n').filter((l) => l.includes(call!.phone))).toEqual([
      `Please check your list of holds, or phone ${p.en}.`,
    ])
  })

  it("HOLD-LOCKER: a locker's is the library that runs it, as its line says, never the locker", () => {
    const call = placedHoldsCall(at(LOCKER), P, none)
    expect(call).toEqual({ ja: '駅前図書館', en: 'Ekimae Library', phone: '072-841-1103' })
    expect(placedHoldsMessage(at(LOCKER), P, none).ja).toContain(`${phoneLine(call!).ja}へお電話`)
  })

  it('nobody when a notice will come (LINE or e-mail), and the confirmation names no number', () => {
    for (const notice of [ON, { ...ON, holdReady: false }, { ...ON, followed: false }]) {
      expect(placedHoldsCall(at(KUZUHA), P, notice)).toBeNull()
      expect(placedHoldsMessage(at(KUZUHA), P, notice).ja).not.toContain(KUZUHA.phone)
    }
    expect(placedHoldsCall([], P, none)).toBeNull()
  })
})
