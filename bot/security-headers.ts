/**
 * Content-Security-Policy for the pages bunko serves to patrons, and Permissions-Policy on
 * every answer. The counter sets its own (it needs the camera); the link and password pages
 * run no script at all; the LIFF app runs only its own built files. Outside demo mode no page
 * may be framed; in demo mode the simulator (same origin) frames the LIFF app and link page.
 */
import type { Context, MiddlewareHandler } from 'hono'
import type { Config } from './config.ts'
import { css as pageCss } from './pages/layout.tsx'

/** Nothing bunko serves asks for these; the counter widens it to its own camera. */
export const PERMISSIONS_POLICY =
  'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()'

/** What the LIFF SDK talks to: LINE's API and login, and LINE's CDN for profile pictures. */
/**
 * The LIFF app may use the camera itself: the ISBN scan's fallback where LINE offers no
 * liff.scanCodeV2() (an external browser, an older LINE). Nothing else widens.
 */
export const LIFF_PERMISSIONS_POLICY = PERMISSIONS_POLICY.replace('camera=()', 'camera=(self)')

const LINE_CONNECT = ['https://api.line.me', 'https://access.line.me', 'https://liff.line.me']
const LINE_IMAGES = ['https://profile.line-scdn.net', 'https://obs.line-scdn.net']

const origin = (url: string) => {
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}

const join = (parts: (string | null)[]) => [...new Set(parts.filter(Boolean))].join(' ')

async function sha256Base64(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return btoa(String.fromCharCode(...new Uint8Array(digest)))
}

/** The link and password pages: no script, their one inline style allowed by its hash. */
export async function pagesCsp(config: Config): Promise<string> {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'sha256-${await sha256Base64(pageCss)}'`,
    "img-src 'self' data:",
    // The link form's answer redirects to LINE's account-link dialog: a form target too.
    `form-action ${join(["'self'", origin(config.line.accessBaseUrl)])}`,
    `frame-ancestors ${config.demo ? "'self'" : "'none'"}`,
    "base-uri 'none'",
  ].join('; ')
}

/**
 * The LIFF app (Vite-built files). `inlineScripts`, `inlineStyles`: the hashes (`'sha256-…'`)
 * of the page's own inline script and stylesheet (bot/liff-page.ts); nothing else inline.
 */
export function liffCsp(
  config: Config,
  inlineScripts: string[] = [],
  inlineStyles: string[] = [],
): string {
  const self = ["'self'", origin(config.publicUrl)]
  return [
    "default-src 'self'",
    `script-src ${["'self'", ...inlineScripts].join(' ')}`,
    `style-src ${["'self'", ...inlineStyles].join(' ')}`,
    `connect-src ${join([...self, ...LINE_CONNECT, origin(config.line.loginApiBaseUrl)])}`,
    `img-src ${join(["'self'", 'data:', 'blob:', ...LINE_IMAGES])}`,
    "font-src 'self'",
    "object-src 'none'",
    "form-action 'self'",
    `frame-ancestors ${config.demo ? "'self'" : "'none'"}`,
    "base-uri 'self'",
  ].join('; ')
}

const isPage = (path: string) => /^\/(link|password)(\/|$)/.test(path)
export const isLiff = (path: string) => path === '/liff' || path.startsWith('/liff/')

/**
 * Sets a header on the finished response in place. Hono's `c.header()` copies a finished
 * response first (on Node that builds a full Response and streams its body: the largest
 * part of this middleware's cost on the webhook, issue 21), so it is kept for the responses
 * whose headers are immutable (`Response.redirect()`, a fetched response).
 */
function setHeader(c: Context, name: string, value: string) {
  try {
    c.res.headers.set(name, value)
  } catch {
    c.header(name, value)
  }
}

export function securityHeaders(config: Config): MiddlewareHandler {
  let pages: Promise<string> | undefined
  const liff = liffCsp(config)
  return async (c, next) => {
    await next()
    const path = c.req.path
    if (!c.res.headers.has('Permissions-Policy'))
      setHeader(
        c,
        'Permissions-Policy',
        isLiff(path) ? LIFF_PERMISSIONS_POLICY : PERMISSIONS_POLICY,
      )
    if (c.res.headers.has('Content-Security-Policy')) return
    if (isPage(path)) {
      pages ??= pagesCsp(config)
      setHeader(c, 'Content-Security-Policy', await pages)
    } else if (isLiff(path) && path !== '/liff/config.json') {
      setHeader(c, 'Content-Security-Policy', liff)
    }
  }
}
