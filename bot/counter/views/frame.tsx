/**
 * The frame of every counter page: the bar with the desk's library, navigation, who is signed
 * in and sign-out; the demo clock when there is one; then the page. Works without JavaScript;
 * the camera script only adds a button where the browser can read barcodes.
 */
import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import { instantText } from '../../../core/index.ts'
import { COUNTER_PATH } from '../session.ts'
import { counterCss } from './style.ts'

export type NavKey =
  | 'desk'
  | 'holds'
  | 'picks'
  | 'transit'
  | 'audit'
  | 'stats'
  | 'none'
  | 'requests'

export interface FrameProps {
  title: string
  nav?: NavKey
  signedIn?: { staffName: string; csrf: string; placeName: string | null; front?: boolean }
  /** The demo clock's current time, when the demo clock is on. */
  demoNow?: number
  /** This page's path under the counter, for the clock buttons to come back to. */
  back?: string
  children: Child
}

const NAV: { key: NavKey; href: string; label: string }[] = [
  { key: 'desk', href: COUNTER_PATH, label: '貸出・返却' },
  { key: 'holds', href: `${COUNTER_PATH}/holds`, label: '予約棚' },
  { key: 'picks', href: `${COUNTER_PATH}/picks`, label: '棚出しリスト' },
  { key: 'transit', href: `${COUNTER_PATH}/transit`, label: '回送' },
  { key: 'audit', href: `${COUNTER_PATH}/audit`, label: '操作記録' },
  { key: 'stats', href: `${COUNTER_PATH}/stats`, label: '統計' },
  { key: 'requests', href: `${COUNTER_PATH}/requests`, label: '購入リクエスト' },
]

/** Front mode: circulation happens in the library's own system, so only bunko's pages. */
const FRONT_NAV: typeof NAV = [
  { key: 'desk', href: COUNTER_PATH, label: 'ホーム' },
  { key: 'stats', href: `${COUNTER_PATH}/stats`, label: '統計' },
  { key: 'requests', href: `${COUNTER_PATH}/requests`, label: '購入リクエスト' },
]

export function Frame(p: FrameProps) {
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="ja">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width,initial-scale=1" />
          <meta name="referrer" content="no-referrer" />
          <link rel="icon" href="data:," />
          <title>{`${p.title} | 図書館カウンター`}</title>
          <style>{raw(counterCss)}</style>
          {p.signedIn ? <script src={`${COUNTER_PATH}/scan.js`} defer /> : null}
        </head>
        <body>
          <a class="skip" href="#main">
            本文へ移動
          </a>
          <header class="bar">
            <span class="brand">
              図書館カウンター
              {p.signedIn?.placeName ? `（${p.signedIn.placeName}）` : ''}
            </span>
            {p.signedIn ? <SignedInBar {...p.signedIn} nav={p.nav ?? 'none'} /> : null}
          </header>
          <main id="main">
            {p.demoNow !== undefined && p.signedIn ? (
              <DemoClockPanel now={p.demoNow} csrf={p.signedIn.csrf} back={p.back ?? ''} />
            ) : null}
            <h1>{p.title}</h1>
            {p.children}
          </main>
        </body>
      </html>
    </>
  )
}

function SignedInBar(p: { staffName: string; csrf: string; nav: NavKey; front?: boolean }) {
  return (
    <>
      <nav aria-label="カウンターのメニュー">
        {(p.front ? FRONT_NAV : NAV).map((n) => (
          <a href={n.href} aria-current={n.key === p.nav ? 'page' : undefined}>
            {n.label}
          </a>
        ))}
      </nav>
      <span class="who">担当：{p.staffName}</span>
      <PostButton action={`${COUNTER_PATH}/sign-out`} csrf={p.csrf}>
        サインアウト
      </PostButton>
    </>
  )
}

/** The demo clock: shown only in demo mode, so nobody mistakes it for the real time. */
function DemoClockPanel(p: { now: number; csrf: string; back: string }) {
  const step = (by: string, label: string) => (
    <PostButton
      action={`${COUNTER_PATH}/clock/advance`}
      csrf={p.csrf}
      fields={{ by, back: p.back }}
      class="secondary"
    >
      {label}
    </PostButton>
  )
  return (
    <section class="clock" aria-label="デモ用の時計">
      <span>
        デモ時計（日本時間）：<span class="now">{instantText(p.now).ja}</span>
      </span>
      {step('slot', '次のお知らせ時刻へ')}
      {step('day', '＋1日')}
      {step('week', '＋1週間')}
    </section>
  )
}

/** A result box. `role` alert for refusals (announced at once), status for successes. */
export function Message(p: { kind: 'ok' | 'error' | 'hold' | 'block'; children: Child }) {
  return (
    <div class={`msg ${p.kind}`} role={p.kind === 'ok' ? 'status' : 'alert'}>
      {p.children}
    </div>
  )
}

/**
 * A form that is one button: the session's CSRF token, its hidden fields, and the button
 * (an aria-label where the button's words need the row's context).
 */
export function PostButton(p: {
  action: string
  csrf: string
  fields?: Record<string, string>
  class?: string
  label?: string
  children: Child
}) {
  return (
    <form method="post" action={p.action}>
      <input type="hidden" name="_csrf" value={p.csrf} />
      {Object.entries(p.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={p.class} aria-label={p.label}>
        {p.children}
      </button>
    </form>
  )
}

/**
 * One scan field: its own small form, so a keyboard-wedge scanner's Enter submits it. The
 * `data-scan` attribute lets the camera script offer a camera button beside it.
 */
export function ScanForm(p: {
  action: string
  name: string
  label: string
  hint: string
  button: string
  csrf: string
  autofocus?: boolean
  id: string
}) {
  return (
    <form method="post" action={p.action} autocomplete="off">
      <input type="hidden" name="_csrf" value={p.csrf} />
      <label for={p.id}>
        {p.label}
        <span class="hint" id={`${p.id}-hint`}>
          {p.hint}
        </span>
      </label>
      <div class="scan" data-scan-row>
        <input
          id={p.id}
          name={p.name}
          type="text"
          inputmode="text"
          autocomplete="off"
          autocapitalize="off"
          spellcheck={false}
          required
          maxlength={64}
          aria-describedby={`${p.id}-hint`}
          autofocus={p.autofocus}
          data-scan
        />
        <button type="submit">{p.button}</button>
      </div>
    </form>
  )
}

/**
 * A wide table scrolls inside its own box, so the page never scrolls sideways at large text
 * (WCAG 1.4.10 lets a data table keep its two dimensions). Focusable, so a keyboard scrolls it.
 */
export function TableScroll(p: { labelledBy: string; children: Child }) {
  return (
    <section class="table-scroll" aria-labelledby={p.labelledBy} tabindex={0}>
      {p.children}
    </section>
  )
}
