// @vitest-environment happy-dom
/** @jsxImportSource preact */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeLibrary } from '../../../test/liff/fake-api.ts'
import { duplicateRefusal, refusingTitle11 } from '../../../test/liff/hold-refusal.ts'
import { $, click, type Mounted, mount, text, unmount, until } from '../../../test/liff/kit.tsx'

let m: Mounted | null = null
beforeEach(() => localStorage.clear())
afterEach(() => m && unmount(m))

const h1 = () => $(m!.root, 'h1').textContent

/** The fake library, with calls for `path` failing as `fail` says until it is cleared. */
function failing(path: string, fail: () => Response | Promise<never>) {
  const fake = new FakeLibrary()
  const handle = fake.handle.bind(fake)
  const state = { on: true }
  fake.handle = (req) =>
    state.on && new URL(req.url).pathname === path ? Promise.resolve(fail()) : handle(req)
  return { fake, state }
}

describe('詳細, when the title cannot be shown', () => {
  it('a copy in transit says where it is going, not as if it were a shelf', async () => {
    const fake = new FakeLibrary()
    fake.copies.set(12, [
      {
        library: { id: 2, name: '楠葉図書館', phone: '050-7102-3113' },
        copies: [
          { callNumber: '913.6/ヨ', location: '中央図書館', status: 'in_transit', dueDate: null },
        ],
      },
    ])
    m = await mount('title/12', { fake })
    await until(() => expect(text(m!.root)).toContain('回送先：中央図書館 913.6/ヨ'))
  })

  it('a title that does not exist (404): the heading says so, with a way to search, not a retry', async () => {
    m = await mount('title/999999')
    await until(() => expect(h1()).toBe('資料が見つかりません'))
    const box = $(m.root, '[role=alert]')
    expect(text(box)).toContain('蔵書検索からもう一度お探しください。')
    expect($<HTMLAnchorElement>(box, 'a').getAttribute('href')).toBe('#/search')
    expect(text(m.root)).not.toContain('もう一度読み込む')
    expect(text(m.root)).not.toContain('読み込み中です')
  })

  it('a malformed id (#/title/abc): not found, and nothing is asked of the server', async () => {
    m = await mount('title/abc')
    await until(() => expect(h1()).toBe('資料が見つかりません'))
    expect(text(m.root)).not.toContain('もう一度読み込む')
    expect(m.requests.some((r) => r.path.startsWith('/api/titles'))).toBe(false)
  })

  it('offline: the heading names the network; the retry stays and loads the title', async () => {
    const { fake, state } = failing('/api/titles/11', () =>
      Promise.reject(new TypeError('Failed to fetch')),
    )
    m = await mount('title/11', { fake })
    await until(() => expect(h1()).toBe('通信できませんでした'))
    expect(text($(m.root, '[role=alert]'))).toContain('電波の状態をご確認のうえ')
    state.on = false
    await click(m.root, 'もう一度読み込む', 'button')
    await until(() => expect(h1()).toBe('海辺の物語 上'))
    expect(m.root.querySelector('[role=alert]')).toBeNull()
  })

  it('a server failure: the heading says the title could not be shown, with a retry', async () => {
    const { fake } = failing(
      '/api/titles/11',
      () =>
        new Response('{"code":"internal","message":"ただいま処理できませんでした。"}', {
          status: 503,
        }),
    )
    m = await mount('title/11', { fake })
    await until(() => expect(h1()).toBe('資料の情報を表示できませんでした'))
    expect(text(m.root)).toContain('もう一度読み込む')
  })
})

describe('詳細, a title already on hold', () => {
  /** core's refusal for a title this patron already holds, in both languages. */
  it('HOLD-DUP: 予約中一覧 in the refusal is a link to the holds list, not a dead end', async () => {
    const fake = refusingTitle11(duplicateRefusal.ja)
    m = await mount('title/11', { fake })
    const refusal = await until(() => $(m!.root, '.refusal'))
    expect(text(refusal)).toBe(duplicateRefusal.ja)
    expect(refusal.querySelector('a')?.getAttribute('href')).toBe('#/holds')
    expect(refusal.querySelector('a')?.textContent).toBe('予約中一覧')
    await click(refusal, '予約中一覧', 'a')
    await until(() => expect(h1()).toBe('予約中一覧'))
  })
})

describe('詳細: the two marks', () => {
  it('お気に入り and 読みたい本 look alike, so the page says where each goes', async () => {
    m = await mount('title/12')
    await until(() =>
      expect(text(m!.root)).toContain(
        'お気に入りは「お気に入り一覧」に、読みたい本は「My本棚」に入ります。どちらもご本人だけが見られます。',
      ),
    )
  })
})
