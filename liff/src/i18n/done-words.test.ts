/**
 * 完了's line on how long a patron has to collect, for every kind of pickup place and every way
 * the card hears of it, in both languages: a station (HOLD-BOOKMOBILE) is collected at a visit,
 * not within a number of days; a locker within its own days (HOLD-LOCKER).
 */
import { describe, expect, it } from 'vitest'
import type { HoldNoticeWay, PickupKind } from '../../api-types.ts'
import { en } from './en.ts'
import { ja } from './ja.ts'

const WAYS: HoldNoticeWay[] = ['line', 'email', 'none']

describe('完了: how long to collect', () => {
  for (const way of WAYS)
    it(`HOLD-BOOKMOBILE: a station hold is collected at the visit or the one after (${way})`, () => {
      const words = [ja.done.body(7, 'bookmobile', 1, way), en.done.body(7, 'bookmobile', 1, way)]
      expect(words[0]).toContain('その次の運行日')
      expect(words[1]).toContain('or at the one after')
      for (const w of words) expect(w).not.toMatch(/週間|日以内|week|days/)
      if (way === 'none') {
        // No notice names the visit: the holds list does.
        expect(words[0]).toContain('予約中一覧')
        expect(words[1]).toContain('holds list')
      }
    })

  const kinds: [PickupKind, number, string, string][] = [
    [
      'library',
      7,
      'お知らせから1週間以内にお受け取りください。',
      'within a week of the LINE notice',
    ],
    ['branch_room', 7, 'お知らせから1週間以内にお受け取りください。', 'within a week'],
    [
      'locker',
      4,
      'お知らせから4日以内にロッカーからお受け取りください。',
      'from the locker within 4 days',
    ],
  ]
  for (const [kind, days, jaWords, enWords] of kinds)
    it(`HOLD-EXPIRE / HOLD-LOCKER: ${kind} says its days`, () => {
      expect(ja.done.body(days, kind, 1, 'line')).toBe(jaWords)
      expect(en.done.body(days, kind, 1, 'line')).toContain(enWords)
      expect(ja.done.body(days, kind, 2, 'none')).toContain('ご用意ができてから')
      expect(en.done.body(days, kind, 2, 'none')).toContain('of them becoming ready')
    })
})
