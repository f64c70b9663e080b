// @vitest-environment happy-dom
/** @jsxImportSource preact */
/**
 * The app follows the address from its first commit: a change made the moment it is drawn (a
 * quick tap, a test moving on) is not lost while the first paint's effects wait.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { $, type Mounted, mount, unmount, until } from '../../test/liff/kit.tsx'

let m: Mounted | null = null
beforeEach(() => localStorage.clear())
afterEach(() => m && unmount(m))

describe('the app and the address', () => {
  it('shows the page the address names when it changes right after the first render', async () => {
    m = await mount('search')
    // No await between the render and the change: the listener must already be there.
    location.hash = '#/settings'
    dispatchEvent(new HashChangeEvent('hashchange'))
    await until(() => expect($(m!.root, 'h1').textContent).toBe('設定'))
  })
})
