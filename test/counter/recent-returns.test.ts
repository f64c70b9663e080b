/**
 * The desk's list of today's returns (bot/counter/recent-returns.ts): newest first, where each
 * copy went as the return screen said it, refusals too; nothing of who had it, and a new day
 * starts an empty list.
 */
import { describe, expect, it } from 'vitest'
import { checkOut } from '../../db/circulation.ts'
import { DeskClient, text } from './desk-client.ts'
import { addWaitingHold, copy, harness, NOW, PATRON, PLACE, TITLE } from './fixture.ts'

async function open() {
  const h = await harness({ demo: true })
  const desk = await new DeskClient(h.app).signedIn()
  const back = (barcode: string) => desk.submit('/counter/return', { barcode })
  const listed = async () => {
    const page = text((await desk.get('/counter')).html)
    const at = page.indexOf('きょう返却した資料')
    return at < 0 ? null : page.slice(at)
  }
  return { ...h, desk, back, listed }
}

describe('today’s returns at the desk', () => {
  it('lists each return, newest first, with where it went', async () => {
    const h = await open()
    expect(await h.listed()).toBeNull()
    await addWaitingHold(h.db, {
      id: 7,
      patronId: PATRON.bob,
      titleId: TITLE.book3,
      pickupPlaceId: PLACE.kuzuha,
      placedAt: NOW - 1000,
    })
    await addWaitingHold(h.db, {
      id: 8,
      patronId: PATRON.carol,
      titleId: TITLE.book4,
      pickupPlaceId: PLACE.central,
      placedAt: NOW - 1000,
    })
    const lent = { placeId: PLACE.central, patronId: PATRON.alice }
    await checkOut(h.db, { ...lent, barcode: copy(TITLE.gingatetsudo, 1) }, NOW, h.config.policy)
    await h.back(copy(TITLE.gingatetsudo, 1))
    await h.back(copy(TITLE.book3, 1))
    await h.back(copy(TITLE.book4, 1))
    await h.back('NO-SUCH-COPY')
    const list = await h.listed()
    const lines = [
      'NO-SUCH-COPY 処理できず（登録のないバーコード）',
      `${copy(TITLE.book4, 1)} 予約棚へ（中央図書館）`,
      `${copy(TITLE.book3, 1)} 回送箱へ（楠葉図書館行き）`,
      `${copy(TITLE.gingatetsudo, 1)} 書架へ`,
    ]
    let from = 0
    for (const line of lines) {
      const at = list!.indexOf(line, from)
      expect(at, line).toBeGreaterThan(from - 1)
      from = at
    }
    // Nothing of who had it or who waits for it.
    expect(list).not.toMatch(/佐藤|鈴木|100000[0-9]/)
    // The same book scanned again is no second return (a librarian's walk).
    await h.back(copy(TITLE.gingatetsudo, 1))
    const again = (await h.listed())!
    const ginga = `${copy(TITLE.gingatetsudo, 1)} 書架へ`
    expect(again.split(ginga).length - 1).toBe(2)
    expect(again.indexOf(`${ginga}（貸出中ではありませんでした）`)).toBe(again.indexOf(ginga))
    expect(again.split(`${ginga}（貸出中ではありませんでした）`).length - 1).toBe(1)
  })

  it('starts empty on a new day', async () => {
    const h = await open()
    await h.back(copy(TITLE.gingatetsudo, 1))
    expect(await h.listed()).toContain('書架へ')
    await h.desk.post('/counter/clock/advance', { by: 'day' })
    expect(await h.listed()).toBeNull()
  })
})
