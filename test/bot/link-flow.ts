/**
 * Drives the account-link flow the way a patron does, for the e2e tests: tap アカウント連携,
 * open the link page from the button, sign in, follow the redirect to LINE's dialog.
 */
import { expect } from 'vitest'
import type { Bunko } from '../support/bunko.ts'

/** The text of every bot message a user has received since `from`. */
export function botTexts(b: Bunko, userId: string, from = 0): string[] {
  return b.sim.record
    .botMessages(userId)
    .slice(from)
    .map((e) => JSON.stringify(e.message))
}

/** Tap アカウント連携 and return the link page URL from the button in the reply. */
export async function requestLinkPage(b: Bunko, userId: string): Promise<string> {
  const before = b.sim.record.botMessages(userId).length
  await b.sim.users.postback(userId, 'action=link')
  await b.settled()
  const reply = b.sim.record.botMessages(userId)[before]?.message as {
    template?: { actions?: { uri?: string }[] }
  }
  const uri = reply?.template?.actions?.[0]?.uri
  expect(uri, 'a link button').toMatch(/\/link\?linkToken=/)
  return uri as string
}

/**
 * A browser with a cookie jar, enough for the server-rendered forms; `headers` go with every
 * request (e.g. the phone's Accept-Language).
 */
export function browser(headers: Record<string, string> = {}) {
  const cookies = new Map<string, string>()
  const remember = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';')
      const [name, value] = (pair ?? '').split('=')
      if (name) cookies.set(name, value ?? '')
    }
  }
  const header = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  return {
    cookies,
    async get(url: string) {
      const res = await fetch(url, {
        headers: { ...headers, cookie: header() },
        redirect: 'manual',
      })
      remember(res)
      return { res, html: await res.text() }
    },
    async post(url: string, form: Record<string, string>) {
      const res = await fetch(url, {
        method: 'POST',
        body: new URLSearchParams(form),
        headers: {
          ...headers,
          cookie: header(),
          'content-type': 'application/x-www-form-urlencoded',
        },
        redirect: 'manual',
      })
      remember(res)
      return { res, html: await res.text() }
    },
  }
}

export function hidden(html: string, name: string): string {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)
  return (m?.[1] ?? '').replace(/&amp;/g, '&')
}

/** Sign in on the link page; returns the response (303 to the dialog on success). */
export async function signInOnLinkPage(
  b: Bunko,
  linkUrl: string,
  number: string,
  password: string,
) {
  const page = browser()
  const form = await page.get(linkUrl)
  expect(form.res.status).toBe(200)
  const fields = {
    linkToken: hidden(form.html, 'linkToken'),
    state: hidden(form.html, 'state'),
    csrf: hidden(form.html, 'csrf'),
    number,
    password,
  }
  const result = await page.post(`${b.origin}/link`, fields)
  return { ...result, page, fields }
}

/**
 * Open LINE's account-link dialog (the redirect target) as the given simulated user and, when
 * it asks (as LINE's does), press 許可する.
 */
export async function openDialog(b: Bunko, location: string, userId: string) {
  const url = new URL(location)
  url.searchParams.set('simUserId', userId)
  const shown = await fetch(url)
  const asks = shown.status === 200 && (await shown.clone().text()).includes('value="allow"')
  const res = asks
    ? await fetch(url, { method: 'POST', body: new URLSearchParams({ choice: 'allow' }) })
    : shown
  await b.settled()
  return res
}

/** The whole flow for a patron who can link. */
export async function linkPatron(b: Bunko, userId: string, number: string, password: string) {
  const linkUrl = await requestLinkPage(b, userId)
  const signed = await signInOnLinkPage(b, linkUrl, number, password)
  expect(signed.res.status).toBe(303)
  const dialog = await openDialog(b, signed.res.headers.get('location') ?? '', userId)
  expect(dialog.status).toBe(200)
}
