// @vitest-environment happy-dom
/** @jsxImportSource preact */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { $, type Mounted, mount, unmount, until } from '../../../test/liff/kit.tsx'

let m: Mounted | null = null
beforeEach(() => localStorage.clear())
afterEach(() => m && unmount(m))

describe('設定', () => {
  it('ACC-RESET: the password rule (length, letters and digits) describes the new password, not the current one', async () => {
    m = await mount('settings')
    const next = await until(() => $<HTMLInputElement>(m!.root, '#pw-next'))
    const hint = await until(() => {
      const id = next.getAttribute('aria-describedby')
      const el = id ? m!.root.querySelector(`#${id}`) : null
      expect(el?.textContent).toContain('英字と数字をそれぞれ1文字以上')
      return el!
    })
    expect(hint.textContent).toContain('8〜64文字')
    expect($(m.root, '#pw-current').getAttribute('aria-describedby')).toBeNull()
    // In the page's order the hint comes after the new password's label, not the current field.
    const label = $(m.root, 'label[for=pw-next]')
    expect(label.compareDocumentPosition(hint) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
  })
})
