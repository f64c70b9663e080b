// @vitest-environment happy-dom
/** @jsxImportSource preact */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeLibrary } from '../../../test/liff/fake-api.ts'
import { $, click, type Mounted, mount, text, unmount, until } from '../../../test/liff/kit.tsx'

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

  it('front mode: where the library’s system keeps the password, no form, but where to change it', async () => {
    const fake = new FakeLibrary()
    fake.me.capabilities = {
      ...fake.me.capabilities,
      passwords: false,
      opacUrl: 'https://opac.example.jp/',
    }
    m = await mount('settings', { fake })
    await until(() => expect(text(m!.root)).toContain('LINEからパスワードの登録や変更はできません'))
    expect(m.root.querySelector('#pw-current')).toBeNull()
    expect(m.root.querySelector('.elsewhere a')?.getAttribute('href')).toBe(
      'https://opac.example.jp/',
    )
  })

  it('ACC-SECRET, front mode without an OPAC: the counter, and the library’s number to phone', async () => {
    const fake = new FakeLibrary()
    fake.me.capabilities = { ...fake.me.capabilities, passwords: false, opacUrl: null }
    m = await mount('settings', { fake })
    await until(() => expect(text(m!.root)).toContain('LINEからパスワードの登録や変更はできません'))
    const line = m.root.querySelector('.elsewhere')
    expect(line?.textContent).toContain(
      '図書館の窓口でお手続きいただくか、お電話でお問い合わせください',
    )
    expect(line?.querySelector('a')?.getAttribute('href')).toBe('tel:05071058141')
  })

  it('the library’s system cannot be reached: why, with the number, and no password form', async () => {
    const fake = new FakeLibrary()
    const handle = fake.handle.bind(fake)
    // As the bot answers while it is down: every call that needs the system says so.
    fake.handle = (req) =>
      ['/api/me', '/api/notifications'].includes(new URL(req.url).pathname)
        ? Promise.resolve(
            Response.json(
              {
                code: 'library_unavailable',
                message: '図書館のシステムにただいま接続できません。',
                contact: { name: '中央図書館', phone: '050-7105-8141' },
              },
              { status: 503 },
            ),
          )
        : handle(req)
    m = await mount('settings', { fake })
    await until(() => expect(text(m!.root)).toContain('図書館のシステムにただいま接続できません。'))
    expect(m.root.querySelector('#pw-current')).toBeNull()
    // Said once for the page, not again under the notices; unlinking is still offered.
    expect(m.root.querySelectorAll('.error').length).toBe(1)
    expect(text(m.root)).toContain('連携を解除する')
  })

  it('a new attempt clears what the last one said: a wrong current password is not shown beside a too-short new one', async () => {
    m = await mount('settings')
    // One field at a time, each drawn before the next, as a patron types.
    const type = async (id: string, value: string) => {
      const input = $<HTMLInputElement>(m!.root, `#pw-${id}`)
      input.value = value
      input.dispatchEvent(new Event('input', { bubbles: true }))
      await new Promise((r) => setTimeout(r, 0))
    }
    await until(() => $(m!.root, '#pw-current'))
    await type('current', 'wrong-horse')
    await type('next', 'battery-staple-1')
    await type('again', 'battery-staple-1')
    await click(m.root, 'パスワードを変更する', 'button')
    await until(() => expect(text(m!.root)).toContain('現在のパスワードが違います。'))
    await type('current', 'correct-horse')
    await type('next', 'short1')
    await type('again', 'short1')
    await click(m.root, 'パスワードを変更する', 'button')
    await until(() =>
      expect(text(m!.root)).toContain('新しいパスワードは8文字以上64文字以内です。'),
    )
    expect(text(m.root)).not.toContain('現在のパスワードが違います。')
    const alerts = [...m.root.querySelectorAll('#pw ~ form [role=alert]')]
    expect(alerts.map((a) => a.textContent)).toEqual([
      '新しいパスワードは8文字以上64文字以内です。',
    ])
  })
  it('unlinking while holds can be told only by LINE says so in the question, before anything is unlinked', async () => {
    const fake = new FakeLibrary()
    fake.prefs.hold_ready_locked = true
    m = await mount('settings', { fake })
    await click(m.root, '連携を解除する', 'button')
    await until(() => expect(text(m!.root)).toContain('ご用意ができてもお知らせが届かなくなります'))
    expect(text(m.root)).toContain('それでもLINE連携を解除しますか？')
    // Embedded bunko sends no e-mail: registering an address would not help, so it is not offered.
    expect(text(m.root)).not.toContain('メールアドレス')
    expect(fake.calls.some((c) => c.includes('/api/unlink'))).toBe(false)
  })

  it('without holds waiting on LINE, the plain question', async () => {
    m = await mount('settings')
    await click(m.root, '連携を解除する', 'button')
    await until(() => expect(text(m!.root)).toContain('本当にLINE連携を解除しますか？'))
    expect(text(m.root)).not.toContain('お知らせできなくなります')
  })
})
