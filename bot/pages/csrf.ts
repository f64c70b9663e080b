/**
 * CSRF protection for the server-rendered forms: a double-submit token. GET sets a random
 * token in an HttpOnly, SameSite=Strict cookie and the same value in a hidden field; POST
 * must carry both, equal. A cross-site page can neither read the cookie nor make the
 * browser send it, so it cannot forge the pair.
 */
import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'

const COOKIE = 'bunko_csrf'

export function randomToken(bytes = 16): string {
  const b = crypto.getRandomValues(new Uint8Array(bytes))
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
}

/**
 * The token for this visitor, set as a cookie when there is none yet. The cookie is Secure
 * whenever the public address is https, even when a TLS-terminating proxy hands us plain http.
 */
export function csrfToken(c: Context, publicUrl: string): string {
  const existing = getCookie(c, COOKIE)
  if (existing && /^[0-9a-f]{32}$/.test(existing)) return existing
  const token = randomToken()
  setCookie(c, COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: new URL(c.req.url).protocol === 'https:' || publicUrl.startsWith('https:'),
    path: '/',
  })
  return token
}

/** Whether the submitted form field matches the cookie (compared without early exit). */
export function csrfValid(c: Context, submitted: unknown): boolean {
  const cookie = getCookie(c, COOKIE)
  if (!cookie || typeof submitted !== 'string' || submitted.length !== cookie.length) return false
  let diff = 0
  for (let i = 0; i < cookie.length; i++) diff |= cookie.charCodeAt(i) ^ submitted.charCodeAt(i)
  return diff === 0
}
