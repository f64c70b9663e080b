/**
 * Renewing at the counter (RENEW-*, the same rules and write as LINE and the kiosks): the new
 * due date to tell the patron, a refusal in core's words, both on the audit trail under the
 * staff member (so the statistics count counter renewals).
 */
import { and, eq, isNull } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditLog, loans } from '../../db/schema.ts'
import { DeskClient, text } from './desk-client.ts'
import { addWaitingHold, copy, harness, NOW, PATRON, TITLE } from './fixture.ts'

async function lentToAlice() {
  const h = await harness({ demo: true })
  const desk = await new DeskClient(h.app).signedIn()
  await desk.submit(`/counter/patrons/${PATRON.alice}/lend`, { barcode: copy(TITLE.book3, 1) })
  // RENEW-FROM: a loan can be renewed from the day after it was lent.
  await desk.post('/counter/clock/advance', { by: 'day' })
  const [loan] = await h.db.orm
    .select()
    .from(loans)
    .where(and(eq(loans.patronId, PATRON.alice), isNull(loans.returnedAt)))
  const renew = (loanId = loan!.id) =>
    desk.submit(`/counter/patrons/${PATRON.alice}/loans/${loanId}/renew`, {})
  const renewals = () =>
    h.db.orm
      .select()
      .from(auditLog)
      .where(eq(auditLog.subject, `loan:${loan!.id}`))
  return { ...h, desk, loan: loan!, renew, renewals }
}

describe('renewing at the counter', () => {
  it('RENEW-BOOK: renews the loan, shows the new due date, and records it under the staff member', async () => {
    const h = await lentToAlice()
    const { posted, html } = await h.renew()
    expect(posted.status).toBe(303)
    const [after] = await h.db.orm.select().from(loans).where(eq(loans.id, h.loan.id))
    expect(after!.renewals).toBe(1)
    expect(after!.dueDate > h.loan.dueDate).toBe(true)
    const [y, m, d] = after!.dueDate.split('-').map(Number)
    expect(text(html)).toContain('延長しました')
    expect(text(html)).toContain(`新しい返却期限 ${y}年${m}月${d}日`)
    const [entry] = await h.renewals()
    expect(entry).toMatchObject({ action: 'loan.renew', staffId: expect.any(Number) })
    expect(JSON.parse(entry!.after!)).toEqual({ patronId: PATRON.alice, dueDate: after!.dueDate })
  })

  it('RENEW-HELD: a title someone waits for is refused in core’s words, changes nothing, and is recorded', async () => {
    const h = await lentToAlice()
    await addWaitingHold(h.db, {
      id: 9,
      patronId: PATRON.bob,
      titleId: TITLE.book3,
      pickupPlaceId: 1,
      placedAt: NOW,
    })
    const { posted, html } = await h.renew()
    expect(posted.status).toBe(303)
    expect(text(html)).toContain('は延長できません')
    expect(text(html)).toContain('予約')
    const [after] = await h.db.orm.select().from(loans).where(eq(loans.id, h.loan.id))
    expect(after).toMatchObject({ renewals: 0, dueDate: h.loan.dueDate })
    const [entry] = await h.renewals()
    expect(entry).toMatchObject({ action: 'loan.renew.refused' })
  })

  it('a loan that is not this patron’s (or no longer open) is not renewed', async () => {
    const h = await lentToAlice()
    // Refused before anything was done or recorded: answered directly, nothing to redirect.
    const { posted, html } = await h.renew(h.loan.id + 1000)
    expect(posted.status).toBe(422)
    expect(text(html)).toContain('この貸出は見つかりません')
    expect(await h.renewals()).toHaveLength(0)
  })
})
