// @vitest-environment happy-dom
/** @jsxImportSource preact */
/**
 * 確認 → 完了 in English with no notice coming. Its own file: the test kit keeps one LIFF
 * session per file, and the session's language (lang=en here) decides the app's language.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeLibrary } from '../../../test/liff/fake-api.ts'
import { $, byText, click, type Mounted, mount, unmount, until } from '../../../test/liff/kit.tsx'

let m: Mounted | null = null
beforeEach(() => localStorage.clear())
afterEach(() => m && unmount(m))

describe('confirm → done (English)', () => {
  it('NOTICE-KINDS: a paragraph for each idea on both pages; 完了 has the call button', async () => {
    const fake = new FakeLibrary()
    fake.prefs = { line: { hold_ready: false, overdue: true } }
    localStorage.setItem('bunko.pickup.v1', '1')
    m = await mount('title/12', { fake, query: 'simUserId=U1&lang=en' })
    await click(m.root, 'Add to hold cart', 'button')
    location.hash = '#/confirm'
    await until(() => expect($(m!.root, 'h1').textContent).toBe('Review your holds'))
    const notes = () => [...m!.root.querySelectorAll('p.note')].map((p) => p.textContent)
    await until(() =>
      expect(notes()).toEqual([
        'With your current settings, you will not be told when it is ready.',
        'Please check your list of holds.',
        'To be told on LINE, see "LINE notices" in Settings.',
      ]),
    )
    expect(m.root.querySelector('a[href^="tel:"]')).toBeNull()

    await click(m.root, 'Place hold', 'button')
    await until(() => expect($(m!.root, 'h1').textContent).toBe('Hold placed'))
    const page = $(m.root, 'h1').parentElement!
    const said = [...page.children]
      .filter((e) => e.tagName === 'P' || e.tagName === 'A')
      .map((e) => e.textContent)
    // The fake names its places in Japanese only (the real server's English names are
    // checked in Chromium, test/e2e/done-no-notice.test.ts): the button's words are English.
    expect(said.slice(3, 6)).toEqual([
      'With no other way to reach you, no notice will come when it is ready.',
      'Please check your list of holds, or phone 中央図書館 (050-7105-8141).',
      'Call 中央図書館 (050-7105-8141)',
    ])
    const tel = byText<HTMLAnchorElement>(page, 'Call 中央図書館', 'a')
    expect(tel.getAttribute('href')).toBe('tel:05071058141')
  })

  it('HOLD-SET: the cart names a missing volume as the title page does', async () => {
    m = await mount('title/12', { query: 'simUserId=U1&lang=en' })
    await click(m.root, 'Add to hold cart', 'button')
    location.hash = '#/cart'
    await until(() =>
      expect(m!.root.textContent).toMatch(
        /Volume 上 \(vol\. 1\) of "海辺の物語" is not in the cart\./,
      ),
    )
  })
})
