/**
 * Finding a patron without their card (db/patron-search.ts): by name, reading or phone, each
 * found record called up through the audited lookup; too little typed changes nothing; the
 * search is on record without what was typed.
 */
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditLog, patrons } from '../../db/schema.ts'
import { DeskClient, text } from './desk-client.ts'
import { harness, number, PATRON } from './fixture.ts'

async function open() {
  const h = await harness()
  await h.db.orm.update(patrons).set({ phone: '090-1234-5678' }).where(eq(patrons.id, PATRON.alice))
  const desk = await new DeskClient(h.app).signedIn()
  const find = async (q: string) => desk.submit('/counter/patrons/find', { q })
  return { ...h, desk, find }
}

const searches = (h: Awaited<ReturnType<typeof open>>) =>
  h.db.orm.select().from(auditLog).where(eq(auditLog.action, 'patron.search'))

describe('finding a patron without their card', () => {
  it.each([
    ['part of the name, spaces ignored', '山田花'],
    ['the reading in hiragana', 'やまだ'],
    ['the reading in katakana with a space', 'ヤマダ ハナ'],
    ['the whole phone number', '090-1234-5678'],
    ['the last four digits of the phone', '５６７８'],
  ])('by %s', async (_what, q) => {
    const h = await open()
    const { res, html } = await h.find(q)
    expect(res.status).toBe(200)
    const said = text(html)
    expect(said).toContain('見つかった利用者（1件）')
    expect(said).toContain('山田 花子 ヤマダ ハナコ 090-1234-5678')
    // Called up through the card's own (audited) lookup, by number.
    expect(html).toContain(`name="number" value="${number(PATRON.alice)}"`)
    const called = await h.desk.post('/counter/patron', { number: number(PATRON.alice) })
    expect(called.res.headers.get('location')).toBe(`/counter/patrons/${PATRON.alice}`)
  })

  it('says so when nobody matches, and asks for more when too little is typed', async () => {
    const h = await open()
    expect(text((await h.find('存在しない人')).html)).toContain('該当する利用者が見つかりません')
    for (const q of ['山', '567', '  ']) {
      const { res, html } = await h.find(q)
      expect(res.status, q).toBe(422)
      expect(text(html)).toContain('2文字以上')
    }
  })

  it('is on record: who searched and which patrons it showed, never what was typed', async () => {
    const h = await open()
    await h.find('5678')
    const [entry, ...more] = await searches(h)
    expect(more).toHaveLength(0)
    expect(JSON.parse(entry!.after ?? '{}')).toEqual({ by: 'phone', patronIds: [PATRON.alice] })
    expect(`${entry!.before}${entry!.after}`).not.toContain('5678')
    expect(h.log.lines.join('\n')).not.toMatch(/5678|山田/)
    const trail = text((await h.desk.get('/counter/audit')).html)
    expect(trail).toContain('利用者の検索（氏名・電話番号）')
    expect(trail).toContain('検索：電話番号で')
    expect(trail).toContain('表示した利用者：1人')
  })
})
