// @vitest-environment happy-dom
/** @jsxImportSource preact */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeLibrary } from '../../../test/liff/fake-api.ts'
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
