// @vitest-environment happy-dom
/** @jsxImportSource preact */
import { render } from 'preact'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeLibrary } from '../../../test/liff/fake-api.ts'
import { FakeFamily } from '../../../test/liff/fake-family.ts'
import { ME } from '../../../test/liff/fixtures.ts'
import { byText, type Mounted, mount, text, unmount, until } from '../../../test/liff/kit.tsx'
import { connect, firstCallsAnswered, prefetch } from '../api.ts'
import { QUIET_MODULES } from '../barcode.ts'
import type { Session } from '../session.ts'
import { adoptOwner, cachedCard } from '../store.ts'
import { CardPage } from './Card.tsx'

/** NW-7 start/stop characters as modules (1 = bar), from the Codabar standard table. */
const GUARDS = { A: '1011001001', B: '1001001011', C: '1010010011', D: '1010011001' }

/** Read the drawn SVG back into modules, quiet zone stripped. */
function drawnModules(root: ParentNode): string {
  const svg = root.querySelector('svg.barcode')
  if (!svg) throw new Error('no barcode drawn')
  const rects = [...svg.querySelectorAll('rect[fill="#000"]')]
  const unit = Math.min(...rects.map((r) => Number(r.getAttribute('width'))))
  let out = ''
  let at = QUIET_MODULES
  for (const r of rects) {
    const x = Math.round(Number(r.getAttribute('x')) / unit)
    const w = Math.round(Number(r.getAttribute('width')) / unit)
    out += '0'.repeat(x - at) + '1'.repeat(w)
    at = x + w
  }
  expect(unit).toBeGreaterThan(0)
  return out
}

/** The library's system cannot be reached: /api/me answers 503 as the bot does then. */
function systemDown(fake: FakeLibrary): void {
  const handle = fake.handle.bind(fake)
  fake.handle = (req) =>
    new URL(req.url).pathname === '/api/me'
      ? Promise.resolve(
          Response.json(
            { code: 'library_unavailable', message: '図書館のシステムにただいま接続できません。' },
            { status: 503 },
          ),
        )
      : handle(req)
}

let m: Mounted | null = null
beforeEach(() => localStorage.clear())
afterEach(() => m && unmount(m))

describe('図書館カード', () => {
  it('LINE-CARD: draws from the cached card before LIFF or the network answers', async () => {
    localStorage.setItem(
      'bunko.card.v1',
      JSON.stringify({
        patronNumber: '2100099999',
        name: '前回 太郎',
        barcode: ME.barcode,
        libraryName: '枚方市立図書館',
        owner: 'U1',
      }),
    )
    m = await mount('card', { holdConfig: true })
    // Synchronously after the first render: no await in between.
    const modules = drawnModules(m.root)
    expect(modules.startsWith(GUARDS.A)).toBe(true)
    expect(modules.endsWith(GUARDS.A)).toBe(true)
    expect(byText(m.root, '2100099999', 'p').className).toBe('digits')
    expect(text(m.root)).toContain('前回 太郎')
    expect(text(m.root)).toContain('画面の明るさを上げてください')
    expect(window.__bunkoCardDrawnFrom).toBe('cache')
    expect(window.__bunkoCardDrawnMs).toBeGreaterThanOrEqual(0)
    expect(m.requests).toHaveLength(0)
  })

  it('LINE-CARD: while the library system is down, a phone with no kept card draws the card as linked, and says why', async () => {
    const fake = new FakeLibrary()
    systemDown(fake)
    m = await mount('card', { fake })
    await until(() => expect(m!.root.querySelector('svg.barcode')).not.toBeNull())
    const modules = drawnModules(m.root)
    expect(modules.startsWith(GUARDS.A) && modules.endsWith(GUARDS.A)).toBe(true)
    expect(byText(m.root, ME.patronNumber, 'p').className).toBe('digits')
    expect(text(m.root)).toContain(ME.name)
    expect(text(m.root)).toContain('カードは表示できますが、貸出や予約の確認は')
    expect(m.root.querySelector('[role=alert]')).toBeNull()
    expect(m.requests.map((r) => r.path)).toContain('/api/card')
    // Not kept: only /api/me's answer is (it is the library system's record).
    expect(localStorage.getItem('bunko.card.v1')).toBeNull()
  })

  it('ACC-FAMILY, LINE-CARD: with two cards while the system is down, both barcodes are drawn from the linked card’s format', async () => {
    const fake = new FakeFamily([
      { patronId: 7, patronNumber: '1000000010', name: '加藤 亮', loans: [], holds: [] },
    ])
    systemDown(fake)
    m = await mount('card', { fake })
    await until(() => expect(m!.root.querySelectorAll('svg.barcode')).toHaveLength(2))
    expect(text(m.root)).toContain('カードは表示できますが、貸出や予約の確認は')
    expect(m.root.querySelector('[role=alert]')).toBeNull()
  })

  it('LINE-CARD: a kept Code 128 card keeps its bars while its encoder is still loading', async () => {
    const kept = `11010010000${'1100110110'.repeat(3)}1100011101011`
    localStorage.setItem(
      'bunko.card.v1',
      JSON.stringify({
        patronNumber: '2100099999',
        name: '前回 太郎',
        barcode: { ...ME.barcode, symbology: 'code128' },
        libraryName: '枚方市立図書館',
        owner: 'U1',
        early: { brand: '枚方市立図書館', title: '図書館カード', label: 'カード', modules: kept },
      }),
    )
    m = await mount('card', { holdConfig: true })
    // Synchronously after the first render: the encoder's chunk cannot have loaded yet.
    expect(drawnModules(m.root)).toBe(kept)
  })

  it('LINE-CARD: a card kept for another LINE user is never drawn, and is forgotten once LIFF names this one', async () => {
    localStorage.setItem(
      'bunko.card.v1',
      JSON.stringify({
        patronNumber: '2100099999',
        name: '前回 太郎',
        barcode: ME.barcode,
        libraryName: '枚方市立図書館',
        owner: 'U-someone-else',
      }),
    )
    m = await mount('card', { holdConfig: true })
    expect(m.root.querySelector('svg.barcode')).toBeNull()
    expect(text(m.root)).not.toContain('前回 太郎')
    expect(adoptOwner('U1')).toBe(true)
    expect(localStorage.getItem('bunko.card.v1')).toBeNull()
  })

  it('LINE-CARD: start and stop characters come from /api/me, and the fresh card is kept', async () => {
    const fake = new FakeLibrary()
    fake.me.barcode = { symbology: 'codabar', start: 'B', stop: 'C' }
    m = await mount('card', { fake })
    await until(() => expect(m?.root.querySelector('svg.barcode')).not.toBeNull())
    const modules = drawnModules(m.root)
    expect(modules.startsWith(GUARDS.B)).toBe(true)
    expect(modules.endsWith(GUARDS.C)).toBe(true)
    expect(text(m.root)).toContain(ME.patronNumber)
    expect(text(m.root)).toContain(ME.name)
    expect(cachedCard()).toMatchObject({
      patronNumber: ME.patronNumber,
      barcode: { start: 'B', stop: 'C' },
    })
    // Kept with its owner and its bars, for the next open's first paint (early.ts).
    const kept = JSON.parse(localStorage.getItem('bunko.card.v1') ?? '{}')
    expect(kept.owner).toBe('U1')
    expect(kept.early.modules).toBe(modules)
    const call = m.requests.find((r) => r.path === '/api/me')
    expect(call?.headers.get('authorization')).toBe('Bearer test-id-token')
  })

  it('LINE-CARD: the copy button copies the digits and says so', async () => {
    let copied = ''
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: {
        writeText: async (s: string) => {
          copied = s
        },
      },
    })
    m = await mount('card')
    const button = await until(() => byText<HTMLButtonElement>(m!.root, '番号をコピー', 'button'))
    button.click()
    await until(() => expect(text(m!.root)).toContain('利用者番号をコピーしました。'))
    expect(copied).toBe(ME.patronNumber)
  })

  it('403: an unlinked LINE account is told how to link, and the cached card is forgotten', async () => {
    localStorage.setItem(
      'bunko.card.v1',
      JSON.stringify({
        patronNumber: '2100099999',
        name: '前回 太郎',
        barcode: ME.barcode,
        libraryName: '枚方市立図書館',
        owner: 'U1',
      }),
    )
    m = await mount('card', { fake: new FakeLibrary({ user: 'unlinked' }) })
    await until(() => expect(text(m!.root)).toContain('「アカウント連携」をタップ'))
    expect(m.root.querySelector('svg.barcode')).toBeNull()
    expect(cachedCard()).toBeNull()
  })

  it('401: the token is read again once from the simulator, then the call succeeds', async () => {
    const fake = new FakeLibrary({ tokens: ['fresh-token'] })
    m = await mount('card', { fake, simulatorToken: 'fresh-token', query: 'simUserId=U1' })
    await until(() => expect(m?.root.querySelector('svg.barcode')).not.toBeNull())
    const auth = m.requests
      .filter((r) => r.path === '/api/me')
      .map((r) => r.headers.get('authorization'))
    expect(auth.slice(0, 2)).toEqual(['Bearer test-id-token', 'Bearer fresh-token'])
  })

  it('issue 21: an /api/me answer that came before the page is drawn in its first render, and kept once LIFF names its owner', async () => {
    let start: (s: Session) => void = () => {}
    connect(new Promise<Session>((resolve) => (start = resolve)))
    // As the page's inline script hands it over in demo mode (first-calls.ts).
    prefetch('/api/me', { answer: Promise.resolve(Response.json(ME)), sent: Promise.resolve() })
    await firstCallsAnswered()
    const root = document.createElement('div')
    document.body.replaceChildren(root)
    window.__bunkoCardDrawnMs = undefined
    render(<CardPage cached={null} />, root)
    // Synchronously after the first render: no await in between.
    expect(root.querySelector('p.digits')?.textContent).toBe(ME.patronNumber)
    expect(drawnModules(root).startsWith(GUARDS[ME.barcode.start as keyof typeof GUARDS])).toBe(
      true,
    )
    expect(window.__bunkoCardDrawnFrom).toBe('network')
    // Not kept before LIFF has said whose card it is (store.ts adoptOwner).
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(localStorage.getItem('bunko.card.v1')).toBeNull()
    adoptOwner('U1')
    start({ token: async () => 'id-token' } as unknown as Session)
    await until(() =>
      expect(JSON.parse(localStorage.getItem('bunko.card.v1') ?? '{}')).toMatchObject({
        owner: 'U1',
        patronNumber: ME.patronNumber,
        early: { modules: drawnModules(root) },
      }),
    )
    render(null, root)
  })

  it('issue 21: a card drawn from an early answer is not kept when LIFF does not start (nobody named)', async () => {
    let fail: (e: Error) => void = () => {}
    const session = new Promise<Session>((_, reject) => (fail = reject))
    session.catch(() => {})
    connect(session)
    prefetch('/api/me', { answer: Promise.resolve(Response.json(ME)), sent: Promise.resolve() })
    await firstCallsAnswered()
    const root = document.createElement('div')
    document.body.replaceChildren(root)
    render(<CardPage cached={null} />, root)
    expect(root.querySelector('p.digits')?.textContent).toBe(ME.patronNumber)
    fail(new Error('LIFF did not start'))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(localStorage.getItem('bunko.card.v1')).toBeNull()
    render(null, root)
  })
})
