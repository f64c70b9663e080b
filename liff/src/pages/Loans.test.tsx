// @vitest-environment happy-dom
/** @jsxImportSource preact */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeLibrary } from '../../../test/liff/fake-api.ts'
import {
  $,
  byText,
  click,
  type Mounted,
  mount,
  text,
  unmount,
  until,
} from '../../../test/liff/kit.tsx'

let m: Mounted | null = null
beforeEach(() => localStorage.clear())
afterEach(() => m && unmount(m))

/** The list item of the loan with this title. */
function loanItem(root: ParentNode, title: string): HTMLElement {
  return byText<HTMLElement>(root, title, 'li.item')
}

describe('貸出中一覧', () => {
  it('RENEW-NO-GAIN: the new due date is shown before confirming, then renewed', async () => {
    m = await mount('loans')
    const item = await until(() => loanItem(m!.root, 'はじめての天体観測'))
    // A Japanese colon, and the date as one unit that moves to the next line whole.
    expect(text(item)).toContain('返却期限：2026年5月15日(金)')
    expect(item.querySelector('strong.date')?.textContent).toBe('2026年5月15日(金)')
    await click(item, '延長する')
    await until(() =>
      expect(text(item)).toContain(
        '返却期限は2026年5月15日(金)から2026年5月25日(月)になります。延長の14日間は今日から数えるため、延びるのは10日です。',
      ),
    )
    expect(m.requests.some((r) => r.method === 'POST')).toBe(false)
    const confirm = item.querySelector('.confirm')!
    await click(confirm, '延長する')
    await until(() =>
      expect(text(item)).toContain('延長しました。新しい返却期限は 2026年5月25日(月) です。'),
    )
    const post = m.requests.find((r) => r.method === 'POST')
    expect(post?.path).toBe('/api/loans/101/renew')
    expect(post?.body).toEqual({ quotedDueDate: '2026-05-25' })
    expect(m.fake.loans.find((l) => l.id === 101)?.dueDate).toBe('2026-05-25')
  })

  it('RENEW-NO-GAIN: right after renewing, the loan says when the next renewal opens, not a refusal, and the result has focus', async () => {
    m = await mount('loans')
    const item = await until(() => loanItem(m!.root, 'はじめての天体観測'))
    await click(item, '延長する')
    await click(item.querySelector('.confirm')!, '延長する')
    await until(() => expect(text(item)).toContain('次の延長は 2026年5月12日(火) からできます。'))
    expect(text(item)).not.toContain('延長できません')
    expect(item.querySelector('.refusal')).toBeNull()
    await until(() => expect(document.activeElement?.textContent).toContain('延長しました。'))
  })

  it('renewed, but the system stopped answering before listing it: the new date is said and nothing offers to renew again', async () => {
    m = await mount('loans')
    m.fake.unlisted = true
    const item = await until(() => loanItem(m!.root, 'はじめての天体観測'))
    await click(item, '延長する')
    await click(item.querySelector('.confirm')!, '延長する')
    await until(() =>
      expect(text(item)).toContain('延長しました。新しい返却期限は 2026年5月25日(月) です。'),
    )
    expect(text(item)).toContain('返却期限：2026年5月25日(月)')
    expect(item.querySelector('button')).toBeNull()
    expect(item.querySelector('.refusal')).toBeNull()
    // The list is asked for again, to show the loan as the system has it once it answers.
    await until(() =>
      expect(m!.requests.filter((r) => r.method === 'GET' && r.path === '/api/loans')).toHaveLength(
        2,
      ),
    )
  })

  it('RENEW-NO-GAIN: renewing from a page shown before the loan was renewed elsewhere says it already was, and shows the loan as it stands', async () => {
    m = await mount('loans')
    const item = await until(() => loanItem(m!.root, 'はじめての天体観測'))
    await click(item, '延長する')
    // Meanwhile another phone renews it.
    m.fake.loans = m.fake.loans.map((l) =>
      l.id === 101
        ? {
            ...l,
            dueDate: '2026-05-25',
            renewals: 1,
            renewable: false,
            newDueDate: undefined,
            quote: undefined,
            nextRenewal: '2026-05-12',
            refusal: { reason: 'no_gain', message: '延長しても返却期限は延びません。' },
          }
        : l,
    )
    await click(item.querySelector('.confirm')!, '延長する')
    await until(() =>
      expect(text(item)).toContain(
        'この資料はすでに延長されています。返却期限は2026年5月25日(月)です。',
      ),
    )
    await until(() => expect(text(item)).toContain('返却期限：2026年5月25日(月)'))
    expect(text(item)).toContain('次の延長は 2026年5月12日(火) からできます。')
    expect(text(item)).not.toContain('延びません')
    expect(item.querySelector('button')).toBeNull()
    expect(m.fake.loans.find((l) => l.id === 101)?.renewals).toBe(1)
  })

  it('まとめて延長 is offered only while a loan can be renewed', async () => {
    const fake = new FakeLibrary()
    fake.loans = fake.loans.filter((l) => !l.renewable)
    m = await mount('loans', { fake })
    await until(() => loanItem(m!.root, '猫と暮らす'))
    expect(m.root.textContent).not.toContain('まとめて延長する')
    unmount(m)
    m = await mount('loans')
    await until(() => expect(m!.root.textContent).toContain('まとめて延長する'))
  })

  it('RENEW-NO-GAIN: declining the quote renews nothing', async () => {
    m = await mount('loans')
    const item = await until(() => loanItem(m!.root, 'はじめての天体観測'))
    await click(item, '延長する')
    await click(item, 'やめる')
    expect(m.requests.some((r) => r.method === 'POST')).toBe(false)
    expect(item.querySelector('.confirm')).toBeNull()
  })

  it('RENEW-HELD / RENEW-OVERDUE: a loan that cannot be renewed says why in words, with no button', async () => {
    m = await mount('loans')
    const held = await until(() => loanItem(m!.root, '猫と暮らす'))
    expect(text(held)).toContain('延長できません：予約が入っています')
    expect(text(held)).toContain('次に予約している方がいるため')
    expect(held.querySelector('button')).toBeNull()
    const overdue = loanItem(m.root, 'ジャズ名盤集')
    expect(text(overdue)).toContain('返却期限を過ぎています')
    expect(text(overdue)).toContain('至急ご返却ください')
  })

  it('RENEW-REASONS: renew all renews what it can and reports each refusal', async () => {
    m = await mount('loans')
    await click(m.root, 'まとめて延長する')
    await until(() => expect(text(m!.root)).toContain('延長できる 1点をすべて延長します。'))
    await click(m.root.querySelector('.confirm')!, 'まとめて延長する')
    const results = await until(() => $(m!.root, '.results'))
    expect(text(results)).toContain('延長の結果')
    expect(text(byText(results, 'はじめての天体観測', 'li'))).toContain(
      '延長しました（2026年5月15日(金) → 2026年5月25日(月)）',
    )
    expect(text(byText(results, '猫と暮らす', 'li'))).toContain('予約が入っています')
    expect(text(byText(results, 'ジャズ名盤集', 'li'))).toContain('返却期限を過ぎています')
    // WCAG 2.4.3 / 4.1.3: the results take focus, so they are read out.
    await until(() => expect(document.activeElement?.id).toBe('renew-results'))
  })
})
