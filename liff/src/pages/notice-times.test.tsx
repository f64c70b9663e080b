// @vitest-environment happy-dom
/** @jsxImportSource preact */
/**
 * The notice times in the app's sentences are the library's (BUNKO_POLICY noticeSlots, in the
 * LIFF config), not Hirakata's written into the text. Its own file: the kit keeps one LIFF
 * session per file, and this one starts with a library that sends at 9:30 and 15:00.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { $, click, type Mounted, mount, text, unmount, until } from '../../../test/liff/kit.tsx'
import { en } from '../i18n/en.ts'
import { ja } from '../i18n/ja.ts'

let m: Mounted | null = null
beforeEach(() => localStorage.clear())
afterEach(() => m && unmount(m))

// As the policy writes them (HH:MM, core/dates.ts).
const moved = { standard: ['09:30', '15:00'], locker: ['09:30', '15:00', '20:00'] }

describe('notice times', () => {
  it('Settings names the library’s own notice times', async () => {
    m = await mount('settings', { noticeSlots: moved })
    await until(() =>
      expect(text(m!.root)).toContain(
        'お知らせはLINEで、9時30分と15時にお送りします（ロッカーの受け取りは20時にも）。',
      ),
    )
    expect(text(m.root)).not.toContain('10時')
  })

  const moved2 = { standard: ['09:30', '15:00'], lockerAlso: ['20:00'] }

  it('the hold confirmation names them too (the lockers’ extra time only for a locker pickup)', async () => {
    m = await mount('title/12', { noticeSlots: moved })
    await click(m.root, 'カートに入れる', 'button')
    location.hash = '#/confirm'
    await until(() => expect($(m!.root, 'h1').textContent).toBe('予約内容の確認'))
    await until(() =>
      expect(text(m!.root)).toContain('ご用意ができたら、LINEでお知らせします（9時30分・15時）。'),
    )
    expect(ja.confirm.notice(moved2, 'line', 4)).toEqual([
      'ご用意ができたら、LINEでお知らせします（9時30分・15時・20時）。',
    ])
  })

  it('English lists the times; lockers with no extra slot and unknown times are said plainly', () => {
    const n = { standard: ['09:00', '13:00', '16:00'], lockerAlso: [] }
    expect(en.noticeSettings.when(n)).toBe('Notices come on LINE at 9:00, 13:00 and 16:00.')
    const slots = { standard: ['10:00', '16:00'], lockerAlso: ['19:00'] }
    expect(en.confirm.notice(slots)).toEqual([
      'We will tell you on LINE when it is ready (at 10:00 and 16:00, Japan time).',
    ])
    expect(en.confirm.notice(slots, 'line', 4)).toEqual([
      'We will tell you on LINE when it is ready (at 10:00, 16:00 and 19:00, Japan time).',
    ])
    expect(ja.confirm.notice(null)).toEqual(['ご用意ができたら、LINEでお知らせします。'])
    expect(en.noticeSettings.when(null)).toBe('Notices come on LINE.')
  })
})
