/**
 * The frame of every server-rendered page (link, password, notices of maintenance):
 * mobile-first, readable at any age, working without JavaScript.
 */
import type { Context } from 'hono'
import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'

export type Lang = 'ja' | 'en'

/** The page language from Accept-Language: English only when the browser asks for it first. */
export function langOf(acceptLanguage: string | undefined): Lang {
  return acceptLanguage?.trim().toLowerCase().startsWith('en') ? 'en' : 'ja'
}

/**
 * The page language: `?lang=` when the page that led here knew LINE's language (the link
 * page, from the bot's signed state), so a phone set to English with LINE in Japanese stays
 * in Japanese; otherwise the browser's Accept-Language.
 */
export function pageLang(c: Context): Lang {
  const asked = c.req.query('lang')
  return asked === 'ja' || asked === 'en' ? asked : langOf(c.req.header('accept-language'))
}

/**
 * `.tel`: a phone number (TelText) stays on one line with its brackets; only where the box is
 * too narrow for it at all (200% text on a 320 px phone) may it break, after a hyphen, so
 * the page never scrolls sideways.
 */
export const css = `
:root{color-scheme:light;--fg:#1a1a1a;--muted:#4a4a4a;--accent:#06703a;--bad:#a4001d;--bg:#fff;--line:#c9c9c9}
*{box-sizing:border-box}
body{margin:0;font:1.0625rem/1.7 system-ui,-apple-system,"Hiragino Sans","Noto Sans CJK JP",sans-serif;line-break:strict;color:var(--fg);background:var(--bg)}
main{max-width:30rem;margin:0 auto;padding:1.25rem 1rem 3rem}
h1{font-size:1.5rem;line-height:1.4;margin:.5rem 0 1rem}
p{margin:.75rem 0}
label{display:block;font-weight:700;margin-top:1.25rem}
.hint{display:block;font-weight:400;color:var(--muted);font-size:.95rem}
input{display:block;width:100%;font-size:1.25rem;padding:.7rem .75rem;margin-top:.35rem;border:2px solid var(--line);border-radius:.5rem}
input:focus,button:focus,a:focus,.error:focus{outline:3px solid #0b57d0;outline-offset:2px}
input[aria-invalid=true]{border-color:var(--bad)}
button,.button{display:block;width:100%;min-height:3rem;margin-top:1.5rem;padding:.75rem;font-size:1.125rem;font-weight:700;border:0;border-radius:.5rem;background:var(--accent);color:#fff;text-align:center;text-decoration:none;cursor:pointer}
.secondary{background:#fff;color:var(--accent);border:2px solid var(--accent)}
.error{border-left:.35rem solid var(--bad);background:#fdf0f2;padding:.75rem 1rem;margin:1rem 0;color:#5c0011}
.note{border-left:.35rem solid var(--accent);background:#f0f8f3;padding:.75rem 1rem;margin:1rem 0}
footer{margin-top:2rem;color:var(--muted);font-size:.95rem}
.tel{white-space:nowrap}
.error,[role=status]{container-type:inline-size}
@container (max-width:8.25em){.tel{white-space:normal}}
`

/**
 * `failed`: the page came back with an error, so its title starts with one (the first thing a
 * screen reader says on load).
 */
export function Layout(props: { lang: Lang; title: string; failed?: boolean; children: Child }) {
  const prefix = props.failed ? (props.lang === 'en' ? 'Error: ' : 'エラー：') : ''
  return (
    <>
      {raw('<!doctype html>')}
      <html lang={props.lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width,initial-scale=1" />
          <meta name="referrer" content="no-referrer" />
          <title>{prefix + props.title}</title>
          <style>{raw(css)}</style>
        </head>
        <body>
          <main>
            <h1>{props.title}</h1>
            {props.children}
          </main>
        </body>
      </html>
    </>
  )
}

/**
 * An error box that screen readers announce. A role="alert" already in the page when it loads
 * is not announced, so the box also takes focus on load (autofocus, no script needed) and the
 * fields it is about point to it (`ERROR_ID`).
 */
export const ERROR_ID = 'form-error'

export function ErrorBox(props: { children: Child }) {
  return (
    <div class="error" id={ERROR_ID} tabindex={-1} autofocus role="alert">
      {props.children}
    </div>
  )
}

/** A labelled input with an optional hint the screen reader reads with it. */
export function Field(p: {
  name: string
  label: string
  hint?: string
  type?: 'text' | 'password' | 'tel'
  inputmode?: 'numeric' | 'tel' | 'text'
  autocomplete?: string
  maxlength: number
  value?: string
  /** The error above is about this field: aria-invalid, and the error read with it. */
  invalid?: boolean
  /** An example of what to type (e.g. the policy's patron number example). */
  placeholder?: string
}) {
  const hintId = p.hint ? `${p.name}-hint` : undefined
  const describedBy = [p.invalid ? ERROR_ID : null, hintId].filter(Boolean).join(' ') || undefined
  return (
    <>
      <label for={p.name}>
        {p.label}
        {p.hint ? (
          <span class="hint" id={hintId}>
            {p.hint}
          </span>
        ) : null}
      </label>
      <input
        id={p.name}
        name={p.name}
        type={p.type ?? 'text'}
        inputmode={p.inputmode}
        autocomplete={p.autocomplete ?? 'off'}
        required
        maxlength={p.maxlength}
        value={p.value ?? ''}
        aria-invalid={p.invalid ? 'true' : undefined}
        aria-describedby={describedBy}
        placeholder={p.placeholder}
      />
    </>
  )
}
