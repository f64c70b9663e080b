/**
 * Where a returned copy goes for the hold it fills, as the counter's result and the kiosk's
 * screen both say it: a locker, a bookmobile station (which has no 予約棚), or a library's shelf.
 */
import type { ReturnOutcome } from './give-back.ts'

type Hold = NonNullable<Extract<ReturnOutcome, { ok: true }>['hold']>

export function holdHeading(h: Pick<Hold, 'locker' | 'bookmobile' | 'placeName'>): string {
  if (h.locker) return `予約あり：${h.placeName}へ（ロッカーに入れます）`
  if (h.bookmobile) return `予約あり：自動車文庫の予約資料置き場へ（${h.placeName}で受け渡し）`
  return `予約あり：${h.placeName}の予約棚へ`
}
