/** 購入リクエスト at the counter: the suggestions patrons sent, newest first, behind sign-in. */
import { describe, expect, it } from 'vitest'
import { addPurchaseRequest } from '../../db/purchase-requests.ts'
import { DeskClient, text } from './desk-client.ts'
import { harness, NOW, number, PATRON } from './fixture.ts'

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
    expect(page).toContain('新しい順（2件）')
    expect(page.indexOf('つぎの本')).toBeLessThan(page.indexOf('はじめの本'))
    expect(page).toContain('9784000000017')
    expect(page).toContain(number(PATRON.alice))
    expect(html).toContain('<a href="/counter/requests" aria-current="page">購入リクエスト</a>')
  })

  it('is not shown without a staff session', async () => {
    const h = await harness()
    const res = await h.app.request('/counter/requests')
    expect(res.status).toBe(303)
  })
})
