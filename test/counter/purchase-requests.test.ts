/**
 * 購入リクエスト at the counter: the suggestions patrons sent, open ones first, newest first,
 * behind sign-in; staff mark what came of each, and readingRecordDays after that the request
 * keeps the book and the decision but not who asked.
 */
import { asc } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { HIRAKATA_POLICY } from '../../core/index.ts'
import { addPurchaseRequest } from '../../db/purchase-requests.ts'
import { eraseReadingRecords } from '../../db/retention.ts'
import { auditLog } from '../../db/schema.ts'
import { DeskClient, text } from './desk-client.ts'
import { harness, NOW, number, PATRON } from './fixture.ts'

const DAY = 86_400_000

describe('購入リクエスト', () => {
  it('lists the suggestions with ISBN, title, note and the patron number, newest first', async () => {
    const h = await harness()
    const desk = await new DeskClient(h.app).signedIn()
    expect(text((await desk.get('/counter/requests')).html)).toContain(
      '購入リクエストはまだありません。',
    )
    const add = (patronId: number, isbn: string, title: string, at: number) =>
      addPurchaseRequest(h.db, { patronId, isbn, title, author: '', note: 'ぜひ' }, at, 0)
    expect((await add(PATRON.alice, '9784000000017', 'はじめの本', NOW)).ok).toBe(true)
    expect((await add(PATRON.bob, '9784000000024', 'つぎの本', NOW + 1000)).ok).toBe(true)
    const { res, html } = await desk.get('/counter/requests')
    expect(res.status).toBe(200)
    const page = text(html)
    expect(page).toContain('未処理（2件・新しい順）')
    expect(page.indexOf('つぎの本')).toBeLessThan(page.indexOf('はじめの本'))
    expect(page).toContain('9784000000017')
    expect(page).toContain(number(PATRON.alice))
    expect(html).toContain('<a href="/counter/requests" aria-current="page">購入リクエスト</a>')
  })

  it('staff mark a request bought, undo it, decline it; days later who asked is gone', async () => {
    const h = await harness()
    const desk = await new DeskClient(h.app).signedIn()
    const added = await addPurchaseRequest(
      h.db,
      {
        patronId: PATRON.alice,
        isbn: '9784000000017',
        title: 'はじめの本',
        author: '',
        note: '連絡は夕方に',
      },
      NOW,
      0,
    )
    if (!added.ok) throw new Error(added.reason)
    const path = `/counter/requests/${added.value.id}`
    const bought = await desk.submit(path, { decision: 'bought' })
    // Post/Redirect/Get: the decision answers 303 to the list, which says it once.
    expect(bought.posted.status).toBe(303)
    expect(bought.posted.headers.get('location')).toMatch(/^\/counter\/requests\?done=[\w-]+$/)
    expect(bought.res.status).toBe(200)
    let page = text(bought.html)
    expect(page).toContain('「購入」にしました。')
    expect(text((await desk.get(bought.posted.headers.get('location')!)).html)).not.toContain(
      'にしました。',
    )
    expect(page).toContain('未処理のリクエストはありません。')
    expect(page).toContain('処理済み（1件・処理の新しい順）')
    expect(page).toContain('未処理に戻す')
    // The undo carries the decision it was shown with, so it never undoes a later one.
    expect(bought.html).toMatch(/name="was" value="bought"/)
    expect(text((await desk.submit(path, { decision: 'open' })).html)).toContain(
      '未処理（1件・新しい順）',
    )
    expect((await desk.post(path, { decision: 'lost' })).res.status).toBe(422)
    await desk.submit(path, { decision: 'declined' })
    // A colleague's page still showing it open: the decision made meanwhile stands.
    const stale = await desk.post(path, { decision: 'bought' })
    expect(stale.res.status).toBe(409)
    expect(text(stale.html)).toContain(
      '「はじめの本」のリクエストは、ほかの職員の操作ですでに「見送り」になっています。',
    )
    const trail = await h.db.orm.select().from(auditLog).orderBy(asc(auditLog.id))
    expect(
      trail.filter((e) => e.action === 'purchase_request.decide').map((e) => [e.subject, e.after]),
    ).toEqual([
      [`purchase_request:${added.value.id}`, '{"decision":"bought"}'],
      [`purchase_request:${added.value.id}`, '{"decision":"open"}'],
      [`purchase_request:${added.value.id}`, '{"decision":"declined"}'],
    ])

    // Hirakata's 3 days later the slot's retention lets go of the patron and the note.
    const later = NOW + 5 * DAY
    expect(await eraseReadingRecords(h.db, later, HIRAKATA_POLICY)).toMatchObject({ requests: 1 })
    const { html } = await desk.get('/counter/requests')
    page = text(html)
    expect(page).toContain('見送り')
    expect(page).toContain('はじめの本')
    expect(page).toContain('消去済み')
    expect(page).not.toContain(number(PATRON.alice))
    expect(page).not.toContain('連絡は夕方に')
    expect(page).not.toContain('未処理に戻す')
    const refused = await desk.post(path, { decision: 'open' })
    expect(refused.res.status).toBe(422)
    expect(text(refused.html)).toContain('利用者の情報を消去済みです')
  })

  it('is not shown without a staff session', async () => {
    const h = await harness()
    const res = await h.app.request('/counter/requests')
    expect(res.status).toBe(303)
  })
})
