/**
 * The counter in front mode: the library's own system does circulation, so bunko's counter
 * offers only its own pages and never acts on its shadow copy of patrons.
 */
import { describe, expect, it } from 'vitest'
import { addPurchaseRequest } from '../../db/purchase-requests.ts'
import { DeskClient, text } from './desk-client.ts'
import { copy, harness, NOW, number, PATRON, TITLE } from './fixture.ts'

describe('counter in front mode (LIBRARY_SYSTEM=sip2)', () => {
  it('shows a home that sends circulation to the library system, and only bunko’s pages', async () => {
    const h = await harness({ front: true })
    const desk = await new DeskClient(h.app).signedIn()
    const { res, html } = await desk.get('/counter')
    expect(res.status).toBe(200)
    expect(text(html)).toContain('貸出・返却・予約・利用者の管理を図書館システムで行っています')
    expect(html).toContain('<a href="/counter" aria-current="page">ホーム</a>')
    expect(html).toContain('<a href="/counter/requests">購入リクエスト</a>')
    expect(html).not.toContain('予約棚')
    for (const path of ['/counter/holds', '/counter/picks', '/counter/transit', '/counter/audit'])
      expect((await desk.get(path)).res.status, path).toBe(404)
    expect((await desk.get(`/counter/patrons/${PATRON.alice}`)).res.status).toBe(404)
  })

  it('shows bunko’s own statistics (LINE links, notices, webhook), not circulation it does not hold', async () => {
    const h = await harness({ front: true })
    const desk = await new DeskClient(h.app).signedIn()
    const { res, html } = await desk.get('/counter/stats')
    expect(res.status).toBe(200)
    expect(html).toContain('<a href="/counter/stats" aria-current="page">統計</a>')
    for (const id of ['linked', 'link-events', 'notices', 'webhook'])
      expect(html).toContain(`data-chart="${id}"`)
    for (const id of ['channels', 'shelf', 'expired']) {
      expect(html).not.toContain(`data-chart="${id}"`)
      expect((await desk.get(`/counter/stats.csv?chart=${id}&period=30d`)).res.status).toBe(404)
    }
    expect(html).not.toContain('data-figure="median"')
    const csv = await desk.get('/counter/stats.csv?chart=webhook&period=30d')
    expect(csv.res.status).toBe(200)
  })

  it('lends nothing from bunko’s own tables: the desk’s forms are not there', async () => {
    const h = await harness({ front: true })
    const desk = await new DeskClient(h.app).signedIn()
    const res = await desk.post('/counter/return', { barcode: copy(TITLE.book2, 1) })
    expect(res.res.status).toBe(404)
  })

  it('lists purchase requests with the patron number and no link to a patron page', async () => {
    const h = await harness({ front: true })
    const added = await addPurchaseRequest(
      h.db,
      { patronId: PATRON.alice, isbn: '9784000000017', title: 'はじめの本', author: '', note: '' },
      NOW,
      0,
    )
    expect(added.ok).toBe(true)
    const desk = await new DeskClient(h.app).signedIn()
    const { res, html } = await desk.get('/counter/requests')
    expect(res.status).toBe(200)
    expect(text(html)).toContain(number(PATRON.alice))
    expect(html).not.toContain(`/counter/patrons/${PATRON.alice}`)
  })

  it('still needs a staff session', async () => {
    const h = await harness({ front: true })
    expect((await h.app.request('/counter')).status).toBe(303)
    expect((await h.app.request('/counter/requests')).status).toBe(303)
  })
})
