/**
 * The server-rendered forms' answer to input holding control characters: 400 with a page
 * that says what was wrong and how to go on, in the page's language (pageLang). Nothing is
 * changed.
 */
import type { MiddlewareHandler } from 'hono'
import { CONTROL_CHARACTER_MESSAGE, refuseControlCharacters } from '../input/control-chars.ts'
import { ErrorBox, Layout, pageLang } from './layout.tsx'

const words = {
  ja: {
    title: '入力を受け付けられませんでした',
    back: 'ブラウザの「戻る」で前の画面に戻り、もう一度入力してください。',
  },
  en: {
    title: 'Your input could not be accepted',
    back: "Use your browser's Back button to return to the form and enter it again.",
  },
} as const

export function refuseControlCharactersInForms(): MiddlewareHandler {
  return refuseControlCharacters((c) => {
    const lang = pageLang(c)
    return c.html(
      <Layout lang={lang} title={words[lang].title}>
        <ErrorBox>{CONTROL_CHARACTER_MESSAGE[lang]}</ErrorBox>
        <p>{words[lang].back}</p>
      </Layout>,
      400,
    )
  })
}
