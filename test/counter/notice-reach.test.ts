/**
 * A pickup notice that cannot reach its patron on LINE: at the return field and on the hold
 * shelf, staff are told to phone (with the number on record) instead of being told a notice
 * is on its way. No link and a blocked account are told apart.
 */
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { settleUnsendableNotices } from '../../db/notice-claims.ts'
import { lineLinks, noticePreferences, patrons } from '../../db/schema.ts'
import { DeskClient, text } from './desk-client.ts'
import { addWaitingHold, copy, harness, NOW, PATRON, PLACE, TITLE } from './fixture.ts'

/** 鈴木 (carol, no LINE link, a phone on record) and 山田 (alice, blocked the account) wait at 中央. */
async function open() {
  const h = await harness()
  await h.db.batch([
    h.db.orm
      .update(patrons)
      .set({ phone: '072-800-1234' })
      .where(eq(patrons.id, PATRON.carol))
      .returning({ id: patrons.id }),
    h.db.orm
      .insert(lineLinks)
      .values({
        lineUserId: `U${'a'.repeat(32)}`,
        patronId: PATRON.alice,
        linkedAt: 0,
        followed: false,
      })
      .returning({ id: lineLinks.id }),
  ])
  const wait = (id: number, patronId: number, titleId: number) =>
    addWaitingHold(h.db, {
      id,
      patronId,
      titleId,
      pickupPlaceId: PLACE.central,
      placedAt: NOW - 1000,
    })
  await wait(1, PATRON.carol, TITLE.book4)
  await wait(2, PATRON.alice, TITLE.book3)
  await wait(3, PATRON.bob, TITLE.gingatetsudo)
  const desk = await new DeskClient(h.app).signedIn()
  return { ...h, desk }
}

const returned = async (h: Awaited<ReturnType<typeof open>>, barcode: string) =>
  text((await h.desk.submit('/counter/return', { barcode })).html)

/**
 * 佐藤's ready hold on 銀河鉄道 at 中央 two weeks late, with 鈴木 (no LINE link) waiting next
 * at 中央: expiring it passes the copy to someone LINE cannot reach.
 */
async function lateWithCarolNext() {
  const h = await open()
  await addWaitingHold(h.db, {
    id: 4,
    patronId: PATRON.carol,
    titleId: TITLE.gingatetsudo,
    pickupPlaceId: PLACE.central,
    placedAt: NOW - 500,
  })
  await returned(h, copy(TITLE.gingatetsudo, 1))
  await h.desk.post('/counter/clock/advance', { by: 'week' })
  await h.desk.post('/counter/clock/advance', { by: 'week' })
  return h
}

describe('a pickup notice LINE cannot deliver', () => {
  it('the return says to phone the patron, with the number, instead of a notice on its way', async () => {
    const h = await open()
    const carol = await returned(h, copy(TITLE.book4, 1))
    expect(carol).toContain('予約あり：中央図書館の予約棚へ')
    expect(carol).toContain(
      '予約者はLINE未連携のため、お知らせは届きません。電話でご連絡ください（電話 072-800-1234）。',
    )
    expect(carol).not.toContain('お知らせを送信予定に入れました')
    const alice = await returned(h, copy(TITLE.book3, 1))
    expect(alice).toContain(
      '予約者がLINEの公式アカウントをブロックしているため、お知らせは届きません。電話でご連絡ください（電話番号の登録がありません。利用者の記録をご確認ください）。',
    )
    // 佐藤 is linked and following: his notice goes as ever.
    const bob = await returned(h, copy(TITLE.gingatetsudo, 1))
    expect(bob).toContain(
      '予約者へのお知らせを送信予定に入れました（次のお知らせ時刻に届きます）。',
    )
    expect(bob).not.toContain('電話でご連絡ください')
  })

  it('a patron who turned the hold-ready notice off is phoned too: the return and the hold shelf say so', async () => {
    const h = await open()
    await h.db.orm
      .insert(noticePreferences)
      .values({ patronId: PATRON.bob, holdReady: false, updatedAt: 0 })
    const bob = await returned(h, copy(TITLE.gingatetsudo, 1))
    expect(bob).toContain(
      '予約者が「予約資料の用意ができたとき」のLINEのお知らせをオフにしているため、お知らせは届きません。電話でご連絡ください',
    )
    expect(bob).not.toContain('お知らせを送信予定に入れました')
    await settleUnsendableNotices(h.db, NOW + 7 * 86_400_000)
    const shelf = text((await h.desk.get(`/counter/holds?place=${PLACE.central}`)).html)
    expect(shelf).toContain('お知らせ：LINEのお知らせをオフにしています（電話でご連絡ください）')
  })

  it('before the slot has settled the notice, the hold shelf already asks staff to phone (not 送信待ち)', async () => {
    const h = await open()
    for (const title of [TITLE.book4, TITLE.book3, TITLE.gingatetsudo])
      await returned(h, copy(title, 1))
    const shelf = text((await h.desk.get(`/counter/holds?place=${PLACE.central}`)).html)
    expect(shelf).toMatch(
      /鈴木 光 .*お知らせ：LINE未連携（電話でご連絡ください） 電話 072-800-1234/,
    )
    expect(shelf).toMatch(
      /山田 花子 .*お知らせ：LINEでブロックされています（電話でご連絡ください）/,
    )
    // 佐藤 is linked and following: his notice waits for its slot.
    expect(shelf).toMatch(/佐藤 .*お知らせ：送信待ち/)
  })

  it('the hold shelf asks staff to phone, with the number, for a patron with no LINE link and for one who blocked the account', async () => {
    const h = await open()
    for (const title of [TITLE.book4, TITLE.book3]) await returned(h, copy(title, 1))
    await settleUnsendableNotices(h.db, NOW + 7 * 86_400_000)
    const shelf = text((await h.desk.get(`/counter/holds?place=${PLACE.central}`)).html)
    expect(shelf).toMatch(
      /鈴木 光 1000005 くずはの森 C41 .*お知らせ：LINE未連携（電話でご連絡ください） 電話 072-800-1234/,
    )
    expect(shelf).toMatch(
      /山田 花子 1000001 淀川の四季 C31 .*お知らせ：LINEでブロックされています（電話でご連絡ください） 電話番号の登録がありません/,
    )
  })

  it('a ready hold expired to the next holder, whom LINE cannot reach, says to phone them instead', async () => {
    const h = await lateWithCarolNext()
    const one = text(
      (await h.desk.submit('/counter/holds/3/expire', { place: String(PLACE.central) })).html,
    )
    expect(one).toContain('次の予約者の確保に回しました')
    expect(one).toContain(
      '予約者はLINE未連携のため、お知らせは届きません。電話でご連絡ください（電話 072-800-1234）。',
    )
    expect(one).not.toContain('お知らせを送信予定に入れました')
  })

  it('expiring every late hold at once lists the next holders LINE cannot reach, with their numbers', async () => {
    const h = await lateWithCarolNext()
    const all = text(
      (await h.desk.submit('/counter/holds/expire', { place: String(PLACE.central) })).html,
    )
    expect(all).toContain(
      `うち1点の予約者にはLINEのお知らせが届きません。電話でご連絡ください（${copy(TITLE.gingatetsudo, 1)}：072-800-1234）。`,
    )
  })
})
