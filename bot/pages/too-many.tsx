/**
 * The forms' answer when one address has posted too often (bot/rate-limit.ts): 429 with a
 * page that says to wait, in the page's language (pageLang), and whom to call if urgent.
 */
import type { MiddlewareHandler } from 'hono'
import { contactFor, phoneLine } from '../../core/messages.ts'
import type { AppDeps } from '../deps.ts'
import { clientLimiter, FORM_LIMIT } from '../rate-limit.ts'
import { ErrorBox, Layout, pageLang } from './layout.tsx'
import { TelText } from './tel-text.tsx'

/** Per-address limit on the POSTs of the link, password and counter sign-in forms. */
export function formLimiter(
  deps: AppDeps,
  only: (path: string) => boolean = () => true,
): MiddlewareHandler {
  const p = phoneLine(contactFor(deps.config.policy))
  return clientLimiter(
    deps,
    'forms',
    FORM_LIMIT,
    (c) => {
      const lang = pageLang(c)
      const text =
        lang === 'ja'
          ? `このネットワークからの送信が短い時間に続いたため、しばらく受け付けを止めています。15分ほど待ってから、もう一度お試しください。お急ぎの場合は${p.ja}へお問い合わせください。`
          : `Too many forms were sent from your network in a short time, so we have paused for a while. Please try again in about 15 minutes. If it is urgent, contact ${p.en}.`
      const title = lang === 'ja' ? 'しばらくお待ちください' : 'Please wait a little'
      return c.html(
        <Layout lang={lang} title={title}>
          <ErrorBox>
            <TelText text={text} />
          </ErrorBox>
        </Layout>,
        429,
      )
    },
    (c) => c.req.method === 'POST' && only(c.req.path),
  )
}
