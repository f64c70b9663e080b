/**
 * NOTICE-DUE-SOON end to end through the LINE simulator: a linked patron who opted in gets
 * one push at the slot, naming no title in its preview; the renew button's postback renews in
 * the chat and answers with the new due date, and a second tap with the typed refusal and
 * the library's phone (RENEW-NO-GAIN). A loan that is not the sender's is not touched.
 */
import { sql } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runSlot } from '../../bot/notices/index.ts'
import { addDays, jstDate, jstInstant, type LoanSummary } from '../../core/index.ts'
import { setNoticePrefs } from '../../db/shelf.ts'
import { type Bunko, startBunko } from '../support/bunko.ts'
import { botTexts, linkPatron } from './link-flow.ts'

let b: Bunko
let hanako: string
let patronId: number
beforeEach(async () => {
  b = await startBunko()
  hanako = b.users[0]!.userId
  await b.sim.users.follow(hanako)
  await b.settled()
  await linkPatron(b, hanako, '1000000001', 'hanako-0001')
  const link = await b.db.all<{ patronId: number }>(
    sql`SELECT patron_id AS patronId FROM line_links`,
  )
  patronId = link[0]!.patronId
})
afterEach(() => b.close())

const deps = () => ({
  db: b.db,
  library: b.library,
  line: b.line,
  clock: b.clock,
  config: b.config,
  log: b.log,
})

async function loans(): Promise<LoanSummary[]> {
  const answer = await b.library.loans(patronId, b.clock.now())
  if (!answer.ok) throw new Error(answer.reason)
  return answer.value
}

/** The postback data of every renew button in the patron's pushes. */
function renewButtons(): string[] {
  return b.sim.record
    .botMessages(hanako)
    .filter((e) => e.via === 'push')
    .flatMap((e) => JSON.stringify(e.message).match(/action=renew&loan=\d+/g) ?? [])
}

async function tap(data: string): Promise<string> {
  const before = b.sim.record.botMessages(hanako).length
  await b.sim.users.postback(hanako, data)
  await b.settled()
  return botTexts(b, hanako, before).join('\n')
}

describe('NOTICE-DUE-SOON', () => {
  it('NOTICE-DUE-SOON: one push at the slot a day ahead; its renew button renews in the chat, once', async () => {
    const renewable = (await loans()).find((l) => l.renewal.ok && !l.overdue)!
    expect(renewable).toBeDefined()
    await setNoticePrefs(b.db, { patronId, dueSoonDays: 1 }, b.clock.now())
    const at = jstInstant(addDays(renewable.dueDate, -1), '10:00')
    b.setNow(at)
    const report = await runSlot(deps(), at, { checkQuota: false })
    expect(report.dueSoonQueued).toBe(1)
    // Other notices due at the slot (her ready hold, her overdue item) share the push.
    const dueSoon = () =>
      b.sim.record
        .botMessages(hanako)
        .filter(
          (e) => e.via === 'push' && /返却期限の資料があります/.test(JSON.stringify(e.message)),
        )
    expect(dueSoon()).toHaveLength(1)
    const message = dueSoon()[0]!.message as { altText: string }
    // NOTICE-PRIVACY: the preview names the date and count, no title.
    expect(message.altText).toMatch(/返却期限の資料があります（\d+点）/)
    expect(message.altText).not.toContain(renewable.title)
    expect(JSON.stringify(message)).toContain(renewable.title.slice(0, 10))
    // A second run of the same slot, and the next slot that day, push nothing more.
    await runSlot(deps(), at, { checkQuota: false })
    b.setNow(jstInstant(addDays(renewable.dueDate, -1), '16:00'))
    await runSlot(deps(), b.clock.now(), { checkQuota: false })
    expect(dueSoon()).toHaveLength(1)

    const button = renewButtons().find((d) => d.endsWith(`loan=${renewable.id}`))!
    expect(button).toBeDefined()
    const loadingBefore = b.sim.record.calls({ path: '/v2/bot/chat/loading/start' }).length
    const answer = await tap(button)
    expect(answer).toContain('延長しました')
    // LINE's loading animation shows while the reply waits on the library system.
    const loading = b.sim.record.calls({ path: '/v2/bot/chat/loading/start' }).slice(loadingBefore)
    expect(loading.map((c) => [c.status, (c.body as { chatId: string }).chatId])).toEqual([
      [202, hanako],
    ])
    const after = (await loans()).find((l) => l.id === renewable.id)!
    expect(after.dueDate > renewable.dueDate).toBe(true)
    const [y, m, d] = after.dueDate.split('-').map(Number)
    expect(answer).toContain(`${y}年${m}月${d}日`)
    // The same button again: nothing more to gain today, said with the library's phone.
    const again = await tap(button)
    expect(again).toContain('延長できませんでした')
    expect(again).toContain(b.config.policy.contact.phone)
    expect((await loans()).find((l) => l.id === renewable.id)!.dueDate).toBe(after.dueDate)
  })

  it('NOTICE-DUE-SOON: a loan that cannot be renewed says why (RENEW-HELD), and no other patron’s loan is renewed', async () => {
    const held = (await loans()).find((l) => !l.renewal.ok && l.renewal.reason === 'held')!
    expect(held).toBeDefined()
    const refused = await tap(`action=renew&loan=${held.id}`)
    expect(refused).toContain('延長できませんでした')
    expect(refused).toContain('予約が入っている')
    const others = await b.db.all<{ id: number }>(
      sql`SELECT id FROM loans WHERE patron_id <> ${patronId} AND returned_at IS NULL LIMIT 1`,
    )
    const stranger = await tap(`action=renew&loan=${others[0]!.id}`)
    expect(stranger).toContain('見つかりませんでした')
  })

  it('NOTICE-DUE-SOON, ACC-FAMILY: a second card’s renew button renews that card’s loan, not the first’s', async () => {
    await linkPatron(b, hanako, '1000000011', 'other-0011')
    const [yoko] = await b.db.all<{ patronId: number }>(
      sql`SELECT patron_id AS patronId FROM line_links WHERE patron_id <> ${patronId}`,
    )
    expect(yoko).toBeDefined()
    const listed = await b.library.loans(yoko!.patronId, b.clock.now())
    if (!listed.ok) throw new Error(listed.reason)
    const renewable = listed.value.find((l) => l.renewal.ok && !l.overdue)
    expect(renewable, 'a renewable loan on the second card').toBeDefined()
    const answer = await tap(`action=renew&loan=${renewable!.id}`)
    expect(answer).toContain('延長しました')
    const after = await b.library.loans(yoko!.patronId, b.clock.now())
    if (!after.ok) throw new Error(after.reason)
    expect(after.value.find((l) => l.id === renewable!.id)!.dueDate > renewable!.dueDate).toBe(true)
  })

  it('NOTICE-DUE-SOON, ACC-FAMILY, ACC-BLOCK-OVERDUE: a second card’s refusal names its holder, not "you"', async () => {
    await linkPatron(b, hanako, '1000000011', 'other-0011')
    const [yoko] = await b.db.all<{ patronId: number }>(
      sql`SELECT patron_id AS patronId FROM line_links WHERE patron_id <> ${patronId}`,
    )
    const listed = await b.library.loans(yoko!.patronId, b.clock.now())
    if (!listed.ok) throw new Error(listed.reason)
    const loan = listed.value[0]!
    const longAgo = addDays(jstDate(b.clock.now()), -70)
    await b.db.all(sql`UPDATE loans SET due_date = ${longAgo} WHERE id = ${loan.id} RETURNING id`)
    const answer = await tap(`action=renew&loan=${loan.id}`)
    expect(answer).toContain('吉田 陽子さんのカードに60日以上返却期限を過ぎている資料があるため')
  })
})
