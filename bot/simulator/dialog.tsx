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

type Outcome = 'ok' | 'expired' | 'used' | 'other-user' | 'unknown' | 'cancelled'
type Lang = 'ja' | 'en'
type Words = { title: string; body: string }

/** The dialog speaks the LINE user's language, as LINE's own dialog does. */
const TEXT: Record<
  Lang,
  Record<Outcome, Words> & { ask: Words; allow: string; cancel: string; back: string }
> = {
  ja: {
    ask: {
      title: 'アカウント連携',
      body: 'このLINEアカウントを、公式アカウントのサービスのアカウントと連携します。よろしいですか？',
    },
    allow: '許可する',
    cancel: 'キャンセル',
    back: 'トークに戻る',
    ok: {
      title: '連携しました',
      body: 'アカウントの連携が完了しました。トーク画面に戻ってください。',
    },
    cancelled: {
      title: '連携を中止しました',
      body: '連携は行われていません。トーク画面に戻ってください。',
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
  },
  en: {
    ask: {
      title: 'Link account',
      body: "Link this LINE account to the official account's service account?",
    },
    allow: 'Allow',
    cancel: 'Cancel',
    back: 'Back to chat',
    ok: { title: 'Account linked', body: 'Your accounts are linked. Please go back to the chat.' },
    cancelled: {
      title: 'Linking cancelled',
      body: 'Nothing was linked. Please go back to the chat.',
    },
    expired: {
      title: 'Could not link',
      body: 'This link has expired (10 minutes). Please try again from the chat.',
    },
    used: {
      title: 'Could not link',
      body: 'This link has already been used. Please try again from the chat.',
    },
    'other-user': {
      title: 'Could not link',
      body: 'This link was issued for another LINE account. Please open it from your own chat.',
    },
    unknown: {
      title: 'Could not link',
      body: 'This link is not valid. Please try again from the chat.',
    },
  },
}

const DIALOG_CSS = `body{font-family:system-ui,sans-serif;margin:0;background:#f5f5f5;color:#111}
main{max-width:420px;margin:10vh auto;background:#fff;border-radius:12px;padding:24px;box-shadow:0 1px 4px #0002}
h1{font-size:1.3rem;margin:0 0 12px}a{display:inline-block;margin-top:16px;color:#06c755;font-weight:bold}`

function Page(props: {
  title: string
  body: string
  back?: string
  lang?: Lang
  backLabel?: string
  ask?: { allow: string; cancel: string; action: string }
}) {
  return (
    <html lang={props.lang ?? 'ja'}>
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
          {props.ask ? (
            <form method="post" action={props.ask.action}>
              <button type="submit" name="choice" value="allow">
                {props.ask.allow}
              </button>{' '}
              <button type="submit" name="choice" value="cancel">
                {props.ask.cancel}
              </button>
            </form>
          ) : null}
          {props.back ? (
            <a href={props.back} target="_top">
              {props.backLabel ?? 'トークに戻る'}
            </a>
          ) : null}
        </main>
      </body>
    </html>
  )
}

export function dialogRoutes(state: SimulatorState, deliver: Deliver | undefined): Hono {
  const app = new Hono()

  /**
   * LINE's dialog asks before it links: GET shows the question (or, for a link that cannot
   * work, the failure at once), POST with choice=allow links, choice=cancel sends nothing.
   */
  app.on(['GET', 'POST'], '/dialog/bot/accountLink', async (c) => {
    const linkToken = c.req.query('linkToken') ?? ''
    const nonce = c.req.query('nonce') ?? ''
    const opener = c.req.query('simUserId') ?? getCookie(c, USER_COOKIE) ?? ''
    const user = state.users.get(opener)
    if (!user?.following) {
      const body = 'LINEアプリ(シミュレーターのトーク画面)から開いてください。'
      return c.html(
        `<!DOCTYPE html>${<Page title="ユーザーが分かりません" body={body} back="/simulator" />}`,
        400,
      )
    }
    const lang: Lang = user.language === 'en' ? 'en' : 'ja'
    const words = TEXT[lang]
    const back = `/simulator?user=${encodeURIComponent(opener)}`
    const token = state.linkTokens.get(linkToken)
    let outcome: Outcome
    if (!token || !nonce) outcome = 'unknown'
    else if (token.used) outcome = 'used'
    else if (token.expiresAt <= state.clock()) outcome = 'expired'
    else if (token.userId !== opener) outcome = 'other-user'
    else outcome = 'ok'
    const answer = (o: Outcome, status: 200 | 400) =>
      c.html(
        `<!DOCTYPE html>${<Page {...words[o]} lang={lang} back={back} backLabel={words.back} />}`,
        status,
      )
    if (outcome === 'ok' && c.req.method === 'GET') {
      const action = new URL(c.req.url)
      return c.html(
        `<!DOCTYPE html>${(
          <Page
            {...words.ask}
            lang={lang}
            ask={{
              allow: words.allow,
              cancel: words.cancel,
              action: action.pathname + action.search,
            }}
          />
        )}`,
      )
    }
    if (outcome === 'ok') {
      const form = await c.req.parseBody()
      if (form.choice !== 'allow') return answer('cancelled', 200)
    }
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
    return answer(outcome, outcome === 'ok' ? 200 : 400)
  })

  return app
}
