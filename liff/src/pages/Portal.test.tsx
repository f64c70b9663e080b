// @vitest-environment happy-dom
/** @jsxImportSource preact */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeLibrary } from '../../../test/liff/fake-api.ts'
import { FakeFamily } from '../../../test/liff/fake-family.ts'
import * as F from '../../../test/liff/fixtures.ts'
import { $, type Mounted, mount, text, unmount, until } from '../../../test/liff/kit.tsx'

let m: Mounted | null = null
beforeEach(() => localStorage.clear())
afterEach(() => m && unmount(m))

describe('マイポータル', () => {
  it('RENEW-OVERDUE: an overdue loan is a headed warning with what to do next and a link to the loans', async () => {
    m = await mount('portal')
    const alert = await until(() => $(m!.root, 'section.alert'))
    expect($(alert, 'h2').textContent).toBe('返却期限を過ぎた資料が1点あります')
    expect(text(alert)).toContain('市内のどの図書館でもご返却ください')
    expect($<HTMLAnchorElement>(alert, 'a').getAttribute('href')).toBe('#/loans')
  })

  it('RENEW-OVERDUE: nothing overdue, no warning', async () => {
    const fake = new FakeLibrary()
    fake.loans = fake.loans.filter((l) => !l.overdue)
    m = await mount('portal', { fake })
    await until(() => expect(text(m!.root)).toContain('貸出中 2点'))
    expect(m.root.querySelector('section.alert')).toBeNull()
  })
})

describe('マイポータル with family cards (ACC-FAMILY)', () => {
  const RYO = { patronId: 7, patronNumber: '1000000010', name: '加藤 亮' }
  const ready = () => F.holds().filter((h) => h.state === 'ready')
  const onTime = () => F.loans().filter((l) => !l.overdue)
  const overdue = () => F.loans().filter((l) => l.overdue)

  /** The other card's line on the portal, once its loans and holds are counted. */
  async function ryoLine(loans: ReturnType<typeof F.loans>, holds: ReturnType<typeof F.holds>) {
    m = await mount('portal', { fake: new FakeFamily([{ ...RYO, loans, holds }]) })
    const region = await until(() => $(m!.root, 'section[aria-labelledby="family-glance"]'))
    await until(() => expect(text(region)).toMatch(/予約中 \d+点/))
    expect(text(region)).toContain('加藤 亮 さん')
    return $<HTMLAnchorElement>(region, 'a')
  }

  it('ACC-FAMILY: a ready hold on the other card leads to the holds, where the news is', async () => {
    const link = await ryoLine(onTime(), ready())
    expect(text(link)).toContain('うち確保中 1点')
    expect(link.getAttribute('href')).toBe('#/holds')
  })

  it('ACC-FAMILY: an overdue item leads to the loans, even beside a ready hold', async () => {
    const link = await ryoLine(overdue(), ready())
    expect(text(link)).toContain('うち返却期限切れ 1点')
    expect(link.getAttribute('href')).toBe('#/loans')
  })

  it('ACC-FAMILY: with no news, the loans; with holds only, the holds', async () => {
    expect((await ryoLine(onTime(), [])).getAttribute('href')).toBe('#/loans')
    unmount(m!)
    const waiting = F.holds().filter((h) => h.state === 'waiting')
    expect((await ryoLine([], waiting)).getAttribute('href')).toBe('#/holds')
  })
})
