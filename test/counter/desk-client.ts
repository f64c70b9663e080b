/**
 * A browser stand-in for HTTP tests: keeps cookies, follows nothing by itself, and reads the
 * CSRF token from the last page it was given, as a real form would carry it.
 */
import type { Hono } from 'hono'
import { STAFF } from './fixture.ts'

export interface Page {
  res: Response
  html: string
}

export class DeskClient {
  readonly cookies = new Map<string, string>()
  /** The session's form token, from the last page that had one. */
  csrf = ''
  constructor(
    private readonly app: Hono,
    readonly origin = 'http://localhost',
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    return cookie ? { cookie, ...extra } : extra
  }

  private async keep(res: Response): Promise<Page> {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq)
      const value = pair.slice(eq + 1)
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    const html = await res.text()
    const token = /name="_csrf" value="([^"]+)"/.exec(html)
    if (token?.[1]) this.csrf = token[1]
    return { res, html }
  }

  async get(path: string): Promise<Page> {
    return this.keep(await this.app.request(`${this.origin}${path}`, { headers: this.headers() }))
  }

  /** POST a form; the session's CSRF token is added unless `csrf` is given (or false). */
  async post(
    path: string,
    form: Record<string, string> = {},
    opts: { csrf?: string | false } = {},
  ): Promise<Page> {
    const body = new URLSearchParams(form)
    const token = opts.csrf === undefined ? this.csrf : opts.csrf
    if (token !== false && !('_csrf' in form)) body.set('_csrf', token)
    const res = await this.app.request(`${this.origin}${path}`, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded' }),
      body,
    })
    return this.keep(res)
  }

  /**
   * POST a form as a browser does: a 303 answer is followed with a GET (Post/Redirect/Get),
   * and `res`/`html` are the page the browser then shows. `posted` is the POST's own answer.
   */
  async submit(
    path: string,
    form: Record<string, string> = {},
    opts: { csrf?: string | false } = {},
  ): Promise<Page & { posted: Response }> {
    const first = await this.post(path, form, opts)
    const to = first.res.headers.get('location')
    if (first.res.status !== 303 || !to) return { ...first, posted: first.res }
    return { ...(await this.get(to)), posted: first.res }
  }

  /** Open the sign-in page and post it with its double-submit token. */
  async signIn(login = STAFF.login, password = STAFF.password, place = '1'): Promise<Page> {
    const form = await this.get('/counter/sign-in')
    const csrf = /name="csrf" value="([^"]+)"/.exec(form.html)?.[1] ?? ''
    return this.post('/counter/sign-in', { csrf, login, password, place }, { csrf: false })
  }

  /** Sign in and open the desk, so `csrf` holds the session's token. */
  async signedIn(): Promise<this> {
    const res = await this.signIn()
    if (res.res.status !== 303) throw new Error(`sign-in failed: ${res.res.status}`)
    await this.get('/counter')
    return this
  }
}

/** The visible text of a page, tags dropped, for assertions on what staff read. */
export function text(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
}
