import { describe, expect, it } from 'vitest'
import type { ReturnOutcome } from '../../counter/give-back.ts'
import { returnScreen } from './screen.ts'

const returned = (hold: Partial<NonNullable<Extract<ReturnOutcome, { ok: true }>['hold']>>) =>
  ({
    ok: true,
    title: '川日和',
    barcode: '2000000010',
    wasOnLoan: true,
    overdueDays: 0,
    hold: {
      placeName: '中央図書館',
      locker: false,
      bookmobile: false,
      patronNumber: '1000000011',
      pickupBy: null,
      noticeQueued: true,
      unreachable: null,
      inTransit: false,
      ...hold,
    },
    transitToName: null,
    received: false,
    withdrawn: false,
  }) satisfies ReturnOutcome

describe("the kiosk's return screen (AF) says where a hold's copy goes, as the counter does", () => {
  it('HOLD-PICKUP: a library shelf, a locker, and a bookmobile station (which has no 予約棚)', () => {
    expect(returnScreen(returned({}))).toMatch(/^予約あり：中央図書館の予約棚へ。/)
    expect(
      returnScreen(returned({ locker: true, placeName: '枚方市駅 予約図書受取ロッカー' })),
    ).toMatch(/^予約あり：枚方市駅 予約図書受取ロッカーへ（ロッカーに入れます）。/)
    const station = returnScreen(returned({ bookmobile: true, placeName: 'ひなぎく号 東香里' }))
    expect(station).toMatch(
      /^予約あり：自動車文庫の予約資料置き場へ（ひなぎく号 東香里で受け渡し）。/,
    )
    expect(station).not.toContain('予約棚')
  })
})
