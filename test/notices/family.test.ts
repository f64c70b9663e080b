/**
 * ACC-FAMILY notices: one LINE account with two cards gets each card's notice, to that one
 * account, saying whose card it is in the preview (「花子さんのご予約…」) and in the message,
 * still naming no title in the preview (NOTICE-PRIVACY).
 */
import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { runSlot } from '../../bot/notices/index.ts'
import { checkOut } from '../../db/circulation.ts'
import { lineLinks, patrons, titles } from '../../db/schema.ts'
import { setNoticePrefs } from '../../db/shelf.ts'
import {
  altTexts,
  flexText,
  type Harness,
  harness,
  jst,
  lineUserOf,
  PATRON,
  PLACE,
  TITLE,
} from './harness.ts'

let h: Harness
afterEach(async () => {
  await h?.close()
})

/** 大 (dave) as the second card of 花子's LINE account. */
async function familyOfTwo(language: 'ja' | 'en' = 'ja') {
  await h.link(PATRON.alice, { language })
  await h.db.orm
    .insert(lineLinks)
    .values({ lineUserId: lineUserOf(PATRON.alice), patronId: PATRON.dave, linkedAt: 1, language })
    .returning({ id: lineLinks.id })
}

describe('ACC-FAMILY: notices for a family', () => {
  it('ACC-FAMILY, NOTICE-PRIVACY: each card’s hold-ready notice goes to the one account, naming whose card and no title', async () => {
    h = await harness()
    await familyOfTwo()
    await h.readyHolds(PATRON.alice, [TITLE.book(1), TITLE.book(2)], PLACE.central, ['B11', 'B21'])
    await h.readyHolds(PATRON.dave, [TITLE.dvd(1)], PLACE.kuzuha, ['B211'])
    h.clock.set(jst('2026-06-10', '16:00'))
    const report = await runSlot(h.deps, h.clock.now(), h.opts)
    expect(report.dispatch).toMatchObject({ pushed: 2, sent: 3, failed: 0 })
    const pushes = h.pushesTo(PATRON.alice)
    expect(pushes).toHaveLength(2)
    expect(h.pushCalls().map((c) => c.to)).toEqual([
      lineUserOf(PATRON.alice),
      lineUserOf(PATRON.alice),
    ])
    const alts = altTexts(pushes).sort()
    expect(alts).toEqual([
      '大さんのご予約の資料がご用意できました（1点）。受け取りの期限をご確認ください。',
      '花子さんのご予約の資料がご用意できました（2点）。受け取りの期限をご確認ください。',
    ])
    const names = await h.db.orm.select({ t: titles.title, a: titles.author }).from(titles)
    for (const alt of alts)
      for (const n of names) {
        expect(alt).not.toContain(n.t)
        if (n.a) expect(alt).not.toContain(n.a)
      }
    const bodies = pushes.map(flexText)
    expect(bodies.find((b) => b.includes('花子さんのカード'))).toContain('銀河鉄道の夜')
    expect(bodies.some((b) => b.includes('大さんのカード'))).toBe(true)
  })

  it('ACC-FAMILY: in English the preview names the card holder too', async () => {
    h = await harness()
    await familyOfTwo('en')
    await h.readyHolds(PATRON.dave, [TITLE.dvd(1)], PLACE.kuzuha, ['B211'])
    h.clock.set(jst('2026-06-10', '16:00'))
    await runSlot(h.deps, h.clock.now(), h.opts)
    expect(altTexts(h.pushesTo(PATRON.alice))).toEqual([
      "大's reserved items are ready to collect (1). Please check the pickup date.",
    ])
  })

  it('ACC-FAMILY: an account with one card is not named (nothing to tell apart)', async () => {
    h = await harness()
    await h.link(PATRON.alice)
    await h.readyHolds(PATRON.alice, [TITLE.book(1)], PLACE.central, ['B11'])
    h.clock.set(jst('2026-06-10', '16:00'))
    await runSlot(h.deps, h.clock.now(), h.opts)
    expect(altTexts(h.pushesTo(PATRON.alice))[0]).toMatch(/^ご予約の資料がご用意できました/)
  })

  it('ACC-FAMILY, NOTICE-EXPIRY: the second card’s expiry notice says whose registration it is, not "your"', async () => {
    for (const language of ['ja', 'en'] as const) {
      h = await harness()
      await familyOfTwo(language)
      await h.db.orm
        .update(patrons)
        .set({ expiresOn: '2026-07-10' })
        .where(eq(patrons.id, PATRON.dave))
      h.clock.set(jst('2026-06-10', '16:00'))
      await runSlot(h.deps, h.clock.now(), { ...h.opts, checkQuota: false })
      const pushes = h.pushesTo(PATRON.alice)
      expect(pushes).toHaveLength(1)
      const [alt] = altTexts(pushes)
      const text = flexText(pushes[0]!)
      if (language === 'ja') {
        expect(alt).toBe(
          '大さんの図書館の利用者登録の有効期限（2026年7月10日(金)）が近づいています。',
        )
        expect(text).toContain('大さんの利用者登録の有効期限は2026年7月10日(金)までです。')
        expect(text).toContain('このカードでは貸出・予約')
      } else {
        expect(alt).toBe("大's library registration expires on Fri 10 Jul 2026.")
        expect(text).toContain("大's registration is valid until Fri 10 Jul 2026.")
        expect(text).not.toMatch(/Your registration|Renew your registration/)
      }
      await h.close()
    }
  })

  it('ACC-FAMILY, NOTICE-DUE-SOON: the second card’s due-soon reminder names whose card, as the other notices do', async () => {
    h = await harness()
    await familyOfTwo()
    const placeId = PLACE.central
    const lent = await checkOut(
      h.db,
      { patronId: PATRON.dave, barcode: 'B11', placeId },
      h.clock.now(),
      h.deps.config.policy,
    )
    if (!lent.ok) throw new Error(lent.reason)
    await setNoticePrefs(h.db, { patronId: PATRON.dave, dueSoonDays: 2 }, h.clock.now())
    const slot = jst('2026-06-22', '10:00')
    h.clock.set(slot)
    await runSlot(h.deps, slot, { ...h.opts, checkQuota: false })
    const pushes = h.pushesTo(PATRON.alice)
    expect(altTexts(pushes)).toEqual([
      '【大さん】2026年6月24日(水)が返却期限の資料があります（1点）。',
    ])
    expect(flexText(pushes[0]!)).toContain('大さんのカード')
  })
})
