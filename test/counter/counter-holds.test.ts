/**
 * 窓口予約: staff place a hold for the patron on screen, by ISBN or a copy's barcode, for the
 * pickup place they choose. The counter's patrons have no web password and most no LINE link:
 * at the counter neither is needed (ACC-PASSWORD limits the online service), while HOLD-LIMIT
 * counts counter and online holds together. Each attempt that reached the rules is on record.
 */
import { and, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { raw } from '../../db/client.ts'
import { placeHolds } from '../../db/holds.ts'
import { auditLog, holds, titles } from '../../db/schema.ts'
import { DeskClient, text } from './desk-client.ts'
import { addWaitingHold, copy, harness, NOW, PATRON, PLACE, TITLE } from './fixture.ts'

const ISBN = '9784000000017'

/** The page from the hold form's heading on. */
const atForm = (html: string) => html.slice(html.indexOf('id="hold-new"'))

async function open() {
  const h = await harness()
  await h.db.batch([
    h.db.orm.update(titles).set({ isbn: ISBN }).where(eq(titles.id, TITLE.book3)).returning({
      id: titles.id,
    }),
  ])
  const desk = await new DeskClient(h.app).signedIn()
  return { ...h, desk }
}

const holdsOf = (h: Awaited<ReturnType<typeof open>>, patronId: number) =>
  h.db.orm.select().from(holds).where(eq(holds.patronId, patronId))

const audited = (h: Awaited<ReturnType<typeof open>>, action: string) =>
  h.db.orm.select().from(auditLog).where(eq(auditLog.action, action))

describe('窓口予約', () => {
  it('HOLD-PICKUP / ACC-PASSWORD: a hold by ISBN for a patron with no web password and no LINE; the screen says to phone them when it is ready', async () => {
    const h = await open()
    const page = await h.desk.get(`/counter/patrons/${PATRON.alice}`)
    expect(text(page.html)).toContain('予約を受け付ける')
    // The desk's own library is the pickup place offered first.
    expect(page.html).toMatch(/<option value="1" selected="">中央図書館<\/option>/)
    const { posted, html } = await h.desk.submit(`/counter/patrons/${PATRON.alice}/holds`, {
      item: '978-4-00-000001-7',
      pickup: String(PLACE.kuzuha),
    })
    expect(posted.status).toBe(303)
    // Placed: said at the top, the cursor back in 貸出 (the next scan is most likely a book to
    // lend, which the hold field would take for another hold).
    expect(posted.headers.get('location')).not.toContain('#')
    expect(text(atForm(html))).not.toContain('予約を受け付けました')
    expect(html).toMatch(/<input id="lend-barcode"[^>]* autofocus/)
    expect(atForm(html)).not.toMatch(/autofocus/)
    const said = text(html)
    expect(said).toContain('予約を受け付けました')
    expect(said).toContain('「淀川の四季」 受取場所：楠葉図書館')
    expect(said).toContain('予約者はLINE未連携のため、用意ができてもお知らせは届きません。')
    const placed = await holdsOf(h, PATRON.alice)
    expect(placed).toMatchObject([
      { titleId: TITLE.book3, pickupPlaceId: PLACE.kuzuha, state: 'waiting' },
    ])
    const [entry] = await audited(h, 'hold.place')
    expect(entry?.staffId).not.toBeNull()
    expect(JSON.parse(entry!.after!)).toMatchObject({ holderId: PATRON.alice })
  })

  it('by a copy’s barcode, for a patron LINE can tell', async () => {
    const h = await open()
    const { html } = await h.desk.submit(`/counter/patrons/${PATRON.bob}/holds`, {
      item: copy(TITLE.gingatetsudo, 2),
      pickup: String(PLACE.central),
    })
    expect(text(html)).toContain('「銀河鉄道の夜」 受取場所：中央図書館')
    expect(text(html)).toContain('用意ができたら、LINEでお知らせします。')
    expect(await holdsOf(h, PATRON.bob)).toHaveLength(1)
  })

  it('a book nobody can name is refused before anything is done: 422, no hold, nothing on record', async () => {
    const h = await open()
    for (const [item, words] of [
      ['9784000000024', '所蔵していません'],
      // A misread ISBN (its check digit does not match) is said to be one.
      ['9784000000018', 'ISBNの数字に誤りがあります'],
      ['NOPE-1', '資料が見つかりません'],
      ['ないはずの本', '資料が見つかりません'],
      ['', 'ISBN、資料のバーコード、または書名を入力してください'],
    ] as const) {
      const { res, html } = await h.desk.post(`/counter/patrons/${PATRON.alice}/holds`, {
        item,
        pickup: String(PLACE.kuzuha),
      })
      expect(res.status).toBe(422)
      const form = atForm(html)
      expect(text(form)).toContain(`予約できません：`)
      expect(text(form)).toContain(words)
      // At the form (a walk found it two screens up, the cursor in 貸出, where a rescan would
      // lend the book): what was typed and chosen kept, the cursor in the field, which a
      // screen reader reads with the outcome.
      expect(form).toContain(`value="${item}"`)
      expect(form).toMatch(/<option value="2" selected="">楠葉図書館<\/option>/)
      expect(form).toMatch(
        /<input id="hold-item"[^>]* aria-describedby="hold-item-hint hold-outcome"/,
      )
      expect(form).toMatch(/<input id="hold-item"[^>]* autofocus/)
      expect(html).not.toMatch(/<input id="lend-barcode"[^>]* autofocus/)
    }
    // A withdrawn copy in hand names nothing to reserve.
    await h.db.batch([
      raw(sql`UPDATE copies SET withdrawn_at = 1 WHERE barcode = ${copy(TITLE.book4, 1)}
        RETURNING id`),
    ])
    const gone = await h.desk.post(`/counter/patrons/${PATRON.alice}/holds`, {
      item: copy(TITLE.book4, 1),
      pickup: String(PLACE.central),
    })
    expect(gone.res.status).toBe(422)
    // Nor does a withdrawn title, by any copy or by id (online too): no copy could fill it.
    await h.db.batch([
      raw(sql`UPDATE titles SET withdrawn_at = 1 WHERE id = ${TITLE.book4} RETURNING id`),
    ])
    const old = { item: copy(TITLE.book4, 2), pickup: String(PLACE.central) }
    expect((await h.desk.post(`/counter/patrons/${PATRON.alice}/holds`, old)).res.status).toBe(422)
    const byId = { patronId: PATRON.alice, titleIds: [TITLE.book4], pickupPlaceId: PLACE.central }
    expect(await placeHolds(h.db, byId, NOW, h.config.policy)).toMatchObject({
      ok: false,
      reason: 'unknown_title',
    })
    // No pickup place (a form sent without one): said so, nothing asked of the rules.
    const nowhere = await h.desk.post(`/counter/patrons/${PATRON.alice}/holds`, { item: ISBN })
    expect(nowhere.res.status).toBe(422)
    expect(text(atForm(nowhere.html))).toContain('予約できません：受取場所を選んでください。')
    // What was typed is shown as text, never as markup.
    const odd = await h.desk.post(`/counter/patrons/${PATRON.alice}/holds`, {
      item: '"><b>x',
      pickup: String(PLACE.central),
    })
    expect(odd.html).not.toContain('<b>x')
    expect(odd.html).toContain('value="&quot;&gt;&lt;b&gt;x"')
    expect(await holdsOf(h, PATRON.alice)).toEqual([])
    expect(await audited(h, 'hold.place.refused')).toEqual([])
  })

  it('HOLD-LIMIT: the 16th hold is refused with the numbers, counter and online together, and the refusal is on record', async () => {
    const h = await open()
    // Fifteen titles held already (placed online, straight into the table).
    await h.db.batch([
      raw(sql`INSERT INTO titles (id, title, author, material_type, created_at)
        SELECT 100 + value, '本 ' || value, '', 'book', 0 FROM json_each('[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15]')
        RETURNING id`),
    ])
    for (let i = 1; i <= 15; i++)
      await addWaitingHold(h.db, {
        id: 1000 + i,
        patronId: PATRON.alice,
        titleId: 100 + i,
        pickupPlaceId: PLACE.central,
        placedAt: NOW - i,
      })
    const { html } = await h.desk.submit(`/counter/patrons/${PATRON.alice}/holds`, {
      item: ISBN,
      pickup: String(PLACE.central),
    })
    // Why in the counter's words, then core's sentence to read to the patron.
    expect(text(atForm(html))).toContain('予約できません：予約の上限に達している')
    expect(text(atForm(html))).toContain('お客様への説明：')
    expect(text(html)).toContain('15点中15点予約中')
    expect(atForm(html)).toContain(`value="${ISBN}"`)
    expect(
      await h.db.orm
        .select()
        .from(holds)
        .where(and(eq(holds.patronId, PATRON.alice), eq(holds.titleId, TITLE.book3))),
    ).toEqual([])
    const [refused] = await audited(h, 'hold.place.refused')
    expect(JSON.parse(refused!.after!)).toMatchObject({ reason: 'limit' })
  })

  it('ACC-BLOCK-OVERDUE still applies at the counter, and a forged form changes nothing', async () => {
    const h = await open()
    const blocked = await h.desk.submit(`/counter/patrons/${PATRON.late}/holds`, {
      item: ISBN,
      pickup: String(PLACE.central),
    })
    expect(text(blocked.html)).toContain('予約できません')
    expect(await holdsOf(h, PATRON.late)).toEqual([])
    const [refused] = await audited(h, 'hold.place.refused')
    expect(JSON.parse(refused!.after!)).toMatchObject({ reason: 'blocked' })
    const forged = await h.desk.post(
      `/counter/patrons/${PATRON.alice}/holds`,
      { item: ISBN, pickup: String(PLACE.central) },
      { csrf: 'forged' },
    )
    expect(forged.res.status).toBe(403)
    expect(await holdsOf(h, PATRON.alice)).toEqual([])
  })

  it('ACC-ELIGIBLE: a wide-area patron, who may not use the online service, reserves at the counter', async () => {
    const h = await open()
    await h.db.batch([
      raw(sql`UPDATE patrons SET category = 'wide_area' WHERE id = ${PATRON.carol} RETURNING id`),
    ])
    const { html } = await h.desk.submit(`/counter/patrons/${PATRON.carol}/holds`, {
      item: ISBN,
      pickup: String(PLACE.central),
    })
    expect(text(html)).toContain('予約を受け付けました')
    expect(await holdsOf(h, PATRON.carol)).toHaveLength(1)
  })

  it('HOLD-SET: 「全巻をまとめて」 reserves every volume of the book’s set as one set hold, in volume order; without it, the volume alone', async () => {
    const h = await open()
    // 淀川の四季 (book3) is volume 2 and くずはの森 (book4) volume 1 of one set.
    await h.db.batch([
      raw(sql`UPDATE titles SET set_id = 7, volume = 2 WHERE id = ${TITLE.book3} RETURNING id`),
      raw(sql`UPDATE titles SET set_id = 7, volume = 1 WHERE id = ${TITLE.book4} RETURNING id`),
    ])
    const { html } = await h.desk.submit(`/counter/patrons/${PATRON.alice}/holds`, {
      item: ISBN,
      pickup: String(PLACE.central),
      set: '1',
    })
    expect(text(html)).toContain('「淀川の四季」ほか1巻（セット予約）')
    const placed = await holdsOf(h, PATRON.alice)
    expect(placed.map((x) => [x.titleId, x.volume])).toEqual([
      [TITLE.book4, 1],
      [TITLE.book3, 2],
    ])
    expect(new Set(placed.map((x) => x.setGroup)).size).toBe(1)
    expect(placed[0]!.setGroup).not.toBeNull()
    // Counted as two holds, one audit entry each (統計 counts holds).
    expect(await audited(h, 'hold.place')).toHaveLength(2)
    // Bob, the volume alone.
    await h.desk.submit(`/counter/patrons/${PATRON.bob}/holds`, {
      item: ISBN,
      pickup: String(PLACE.central),
    })
    expect((await holdsOf(h, PATRON.bob)).map((x) => x.titleId)).toEqual([TITLE.book3])
  })

  it('by title: typed words offer the catalogue’s matches, each with its own 予約する, which places the hold chosen', async () => {
    const h = await open()
    const asked = await h.desk.submit(`/counter/patrons/${PATRON.alice}/holds`, {
      item: '四季',
      pickup: String(PLACE.kuzuha),
    })
    expect(asked.res.status).toBe(200)
    const offered = atForm(asked.html)
    expect(text(offered)).toContain('「四季」に当たる資料')
    expect(text(offered)).toContain('淀川の四季')
    expect(offered).toContain('aria-label="予約する：「淀川の四季」"')
    // Nothing is placed until one is chosen; no form sits inside another.
    expect(await holdsOf(h, PATRON.alice)).toEqual([])
    expect(/<form[^>]*>(?:(?!<\/form>)[\s\S])*<form/.test(asked.html)).toBe(false)
    const chosen = await h.desk.submit(`/counter/patrons/${PATRON.alice}/holds`, {
      title: String(TITLE.book3),
      item: '四季',
      pickup: String(PLACE.kuzuha),
    })
    expect(text(chosen.html)).toContain('「淀川の四季」 受取場所：楠葉図書館')
    expect((await holdsOf(h, PATRON.alice)).map((x) => x.titleId)).toEqual([TITLE.book3])
  })
})
