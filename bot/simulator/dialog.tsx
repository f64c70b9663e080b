/**
 * LINE's account-link dialog (`access.line.me/dialog/bot/accountLink?linkToken=…&nonce=…`).
 * In LINE the app knows who opens it; here the try-it page names the simulated user in a
 * cookie (or `?simUserId=` for tests). A link token is good once, within ten minutes, and only
 * for the user it was issued for; either way the bot then gets an `accountLink` event.
 */
import { Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import { appendChat, type SimulatorState } from './state.ts'
import type { Deliver } from './webhook/deliver.ts'
import { deliverEvents } from './webhook/deliver.ts'
import { accountLinkEvent } from './webhook/events.ts'

export const USER_COOKIE = 'line_sim_user'

type Outcome = 'ok' | 'expired' | 'used' | 'other-user' | 'unknown'

const TEXT: Record<Outcome, { title: string; body: string }> = {
  ok: {
    title: '連携しました',
    body: 'アカウントの連携が完了しました。トーク画面に戻ってください。',
  },
  expired: {
    title: '連携できませんでした',
    body: 'このリンクの有効期限(10分)が切れています。トーク画面からもう一度お試しください。',
  },
  used: {
    title: '連携できませんでした',
    body: 'このリンクはすでに使われています。トーク画面からもう一度お試しください。',
  },
  'other-user': {
    title: '連携できませんでした',
    body: 'このリンクは別のLINEアカウント向けに発行されたものです。ご自分のトーク画面から開いてください。',
  },
  unknown: {
    title: '連携できませんでした',
    body: 'リンクが正しくありません。トーク画面からもう一度お試しください。',
  },
}

const DIALOG_CSS = `body{font-family:system-ui,sans-serif;margin:0;background:#f5f5f5;color:#111}
main{max-width:420px;margin:10vh auto;background:#fff;border-radius:12px;padding:24px;box-shadow:0 1px 4px #0002}
h1{font-size:1.3rem;margin:0 0 12px}a{display:inline-block;margin-top:16px;color:#06c755;font-weight:bold}`

function Page(props: { title: string; body: string; back?: string }) {
  return (
    <html lang="ja">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title} | LINE</title>
        <style dangerouslySetInnerHTML={{ __html: DIALOG_CSS }} />
      </head>
      <body>
        <main>
          <h1>{props.title}</h1>
          <p>{props.body}</p>
          {props.back ? (
            <a href={props.back} target="_top">
              トークに戻る
            </a>
          ) : null}
        </main>
      </body>
    </html>
  )
}

export function dialogRoutes(state: SimulatorState, deliver: Deliver | undefined): Hono {
  const app = new Hono()

  app.get('/dialog/bot/accountLink', async (c) => {
    const linkToken = c.req.query('linkToken') ?? ''
    const nonce = c.req.query('nonce') ?? ''
    const opener = c.req.query('simUserId') ?? getCookie(c, USER_COOKIE) ?? ''
    if (!state.users.get(opener)?.following) {
      const body = 'LINEアプリ(シミュレーターのトーク画面)から開いてください。'
      return c.html(
        `<!DOCTYPE html>${<Page title="ユーザーが分かりません" body={body} back="/simulator" />}`,
        400,
      )
    }
    const token = state.linkTokens.get(linkToken)
    let outcome: Outcome
    if (!token || !nonce) outcome = 'unknown'
    else if (token.used) outcome = 'used'
    else if (token.expiresAt <= state.clock()) outcome = 'expired'
    else if (token.userId !== opener) outcome = 'other-user'
    else outcome = 'ok'
    if (token && outcome === 'ok') token.used = true
    const result = outcome === 'ok' ? 'ok' : 'failed'
    const event = accountLinkEvent(state, opener, result, nonce)
    appendChat(state, opener, {
      from: 'user',
      via: 'accountLink',
      message: { link: event.link as object },
      delivered: true,
    })
    await deliverEvents(state, deliver, [event])
    const back = `/simulator?user=${encodeURIComponent(opener)}`
    return c.html(
      `<!DOCTYPE html>${<Page {...TEXT[outcome]} back={back} />}`,
      outcome === 'ok' ? 200 : 400,
    )
  })

  return app
}
