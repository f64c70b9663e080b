/** @jsxImportSource preact */
/**
 * Mounting the whole LIFF app in happy-dom for component tests: LIFF runs for real in mock mode
 * (@line/liff-mock), `fetch` is routed to the fake API, config.json and the simulator's token
 * endpoint. One LIFF session per test file (the SDK is a singleton).
 */
import '../../liff/src/start.ts'
import { render } from 'preact'
import { vi } from 'vitest'
import type { LiffConfig } from '../../liff/api-types.ts'
import { connect } from '../../liff/src/api.ts'
import { App } from '../../liff/src/app.tsx'
import { rememberedLang, setLang } from '../../liff/src/i18n/index.ts'
import type { Session } from '../../liff/src/session.ts'
import { adoptOwner, cachedCard } from '../../liff/src/store.ts'
import { FakeLibrary } from './fake-api.ts'
import { TOKEN } from './fixtures.ts'

export interface Mounted {
  fake: FakeLibrary
  root: HTMLElement
  /** Requests the app made, as `METHOD /path`. */
  requests: { method: string; path: string; body: unknown; headers: Headers }[]
}

export interface MountOptions {
  fake?: FakeLibrary
  /** Query string for the page, e.g. `simUserId=U1&lang=en`. */
  query?: string
  /** What the simulator hands out as a fresh token. */
  simulatorToken?: string
  /** LIFF never starts (the card must not wait for it). */
  holdConfig?: boolean
  /** The library's notice times in config.json (Hirakata's unless given); null leaves them out. */
  noticeSlots?: { standard: string[]; locker: string[] } | null
}

const HIRAKATA_SLOTS = { standard: ['10:00', '16:00'], locker: ['10:00', '16:00', '19:00'] }

let session: Promise<Session> | null = null

export async function mount(route: string, options: MountOptions = {}): Promise<Mounted> {
  const fake = options.fake ?? new FakeLibrary()
  const requests: Mounted['requests'] = []
  history.replaceState(null, '', `/liff/?${options.query ?? 'simUserId=U1'}#/${route}`)
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost/')
    if (url.pathname.endsWith('/config.json')) {
      return Response.json({
        liffId: 'test-liff',
        mock: true,
        simulatorOrigin: 'http://sim.test',
        libraryName: { ja: '枚方市立図書館', en: 'Hirakata City Library' },
        ...(options.noticeSlots === null
          ? {}
          : { noticeSlots: options.noticeSlots ?? HIRAKATA_SLOTS }),
      })
    }
    if (url.pathname.startsWith('/simulator/api/users/'))
      return Response.json({ idToken: options.simulatorToken ?? TOKEN })
    const body = init?.body ? JSON.parse(String(init.body)) : null
    const headers = new Headers(init?.headers)
    requests.push({ method: init?.method ?? 'GET', path: url.pathname + url.search, body, headers })
    return fake.handle(new Request(url, init))
  })
  await setLang(rememberedLang())
  // holdConfig: a LIFF that never starts, to show the card does not wait for it.
  const current = options.holdConfig ? new Promise<Session>(() => {}) : startOnce()
  connect(current)
  const root = document.createElement('div')
  document.body.replaceChildren(root)
  const config = options.holdConfig
    ? new Promise<LiffConfig>(() => {})
    : import('../../liff/src/session.ts').then((m) => m.loadConfig())
  render(<App cached={cachedCard()} session={current} config={config} />, root)
  return { fake, root, requests }
}

function startOnce(): Promise<Session> {
  session ??= import('../../liff/src/session.ts').then(async (m) => {
    const s = await m.startSession(await m.loadConfig(), new URLSearchParams(location.search))
    // As main.tsx does: the card is kept for the LINE user LIFF names.
    adoptOwner(s.user)
    return s
  })
  return session
}

export function unmount(m: Mounted): void {
  render(null, m.root)
}

/** The element (button, link, text) whose visible text contains `text`. */
export function byText<E extends Element = HTMLElement>(
  root: ParentNode,
  text: string,
  selector = '*',
): E {
  const all = [...root.querySelectorAll<E>(selector)].filter((e) => e.textContent?.includes(text))
  // The innermost match: the element that holds the text itself.
  const found = all.find((e) => !all.some((o) => o !== e && e.contains(o)))
  if (!found) throw new Error(`no ${selector} with text "${text}"`)
  return found
}

export function text(root: ParentNode): string {
  return (root as HTMLElement).textContent ?? ''
}

export async function until<T>(fn: () => T): Promise<T> {
  return vi.waitFor(fn, { timeout: 3000, interval: 10 })
}

export async function click(
  root: ParentNode,
  label: string,
  selector = 'button, a',
): Promise<void> {
  const el = await until(() => byText<HTMLElement>(root, label, selector))
  el.click()
}

/** querySelector that throws, so `until(() => $(…))` waits for the element. */
export function $<E extends Element = HTMLElement>(root: ParentNode, selector: string): E {
  const el = root.querySelector<E>(selector)
  if (!el) throw new Error(`no ${selector}`)
  return el
}
