/**
 * The try-it page at `/simulator`: server-rendered with Hono JSX, brought to life by two
 * small plain scripts (no framework, no build). Pick a demo user, add the bot as a friend,
 * chat, tap the rich menu, open LIFF pages in the side panel.
 */
import { Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import { USER_COOKIE } from '../dialog.tsx'
import type { SimulatorState } from '../state.ts'
import { CLIENT_APP_JS } from './client-app.ts'
import { CLIENT_RENDER_JS } from './client-render.ts'
import { CLIENT_SCAN_JS } from './client-scan.ts'
import { PAGE_CSS } from './styles.ts'

/** JSON safe inside a `<script>` element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c')
}

function SimulatorPage(props: {
  config: unknown
  users: Array<{ userId: string; displayName: string }>
  selected: string
}) {
  return (
    <html lang="ja">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>LINE シミュレーター | bunko</title>
        <style dangerouslySetInnerHTML={{ __html: PAGE_CSS }} />
      </head>
      <body>
        <header class="sim">
          <h1>LINE シミュレーター</h1>
          <label>
            ユーザー:{' '}
            <select id="user-select">
              {props.users.map((u) => (
                <option value={u.userId} selected={u.userId === props.selected}>
                  {u.displayName}
                </option>
              ))}
            </select>
          </label>
          <button id="follow-btn" type="button">
            友だち追加
          </button>
          <span id="status" class="status" role="status" />
        </header>
        <div class="layout">
          <section class="phone" aria-label="トーク画面">
            <div id="chat-title" class="title" />
            <div id="messages" class="messages" aria-live="polite" />
            <div id="quick-replies" class="quick-replies" />
            <form id="composer" class="composer">
              <label for="text-input" class="sr-only">
                メッセージ
              </label>
              <input
                id="text-input"
                autocomplete="off"
                placeholder="メッセージを入力"
                maxlength={5000}
              />
              <button id="send-btn" type="submit">
                送信
              </button>
            </form>
            <button id="menu-bar" class="menu-bar" type="button" hidden>
              メニュー
            </button>
            <div id="richmenu" class="richmenu" />
          </section>
          <section id="liff" class="liff" aria-label="LIFF / ブラウザー" hidden>
            <div class="liff-bar">
              <span id="liff-url" />
              <button id="liff-close" type="button">
                とじる
              </button>
            </div>
            <iframe id="liff-frame" title="LIFF アプリ" src="about:blank" />
            <dialog id="scan-dialog" class="scan" aria-labelledby="scan-title">
              <form id="scan-form">
                <h2 id="scan-title">コードリーダー（liff.scanCodeV2）</h2>
                <p>バーコードの写真を選ぶか、コードを入力してください。</p>
                <label for="scan-image">バーコードの画像</label>
                <input id="scan-image" type="file" accept="image/*" />
                <label for="scan-code">コードを入力</label>
                <input id="scan-code" inputmode="numeric" autocomplete="off" maxlength={100} />
                <div class="scan-actions">
                  <button type="submit">読み取る</button>
                  <button id="scan-cancel" type="button">
                    キャンセル
                  </button>
                </div>
              </form>
            </dialog>
          </section>
        </div>
        <script
          id="sim-config"
          type="application/json"
          dangerouslySetInnerHTML={{ __html: scriptJson(props.config) }}
        />
        <script dangerouslySetInnerHTML={{ __html: CLIENT_RENDER_JS }} />
        <script dangerouslySetInnerHTML={{ __html: CLIENT_APP_JS }} />
        <script dangerouslySetInnerHTML={{ __html: CLIENT_SCAN_JS }} />
      </body>
    </html>
  )
}

export function pageRoutes(state: SimulatorState, liffApps: Record<string, string>): Hono {
  const app = new Hono()
  const page = (requested: string | undefined) => {
    const users = [...state.users.values()]
    const selected = users.find((u) => u.userId === requested)?.userId ?? users[0]?.userId ?? ''
    return (
      <SimulatorPage
        config={{ users, liffApps, initialUser: selected }}
        users={users}
        selected={selected}
      />
    )
  }
  app.get('/simulator', (c) =>
    c.html(`<!DOCTYPE html>${page(c.req.query('user') ?? getCookie(c, USER_COOKIE))}`),
  )
  app.get('/simulator/', (c) => c.redirect('/simulator'))
  return app
}
