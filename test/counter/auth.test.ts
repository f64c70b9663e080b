/** Counter sign-in, sessions, CSRF, lockout (ACC-SECRET for staff) and sign-out over HTTP. */
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { IDLE_MS, SESSION_COOKIE } from '../../bot/counter/session.ts'
import { sha256Hex } from '../../db/password.ts'
import { loans, loginAttempts, staff, staffSessions } from '../../db/schema.ts'
import { DeskClient, text } from './desk-client.ts'
import { copyId, harness, number, STAFF } from './fixture.ts'

describe('counter sign-in', () => {
  it('every page but sign-in redirects to sign-in without a session, showing no patron data', async () => {
    const { app } = await harness()
    const anon = new DeskClient(app)
    for (const path of ['/counter', '/counter/patrons/1', '/counter/holds', '/counter/audit']) {
      const { res, html } = await anon.get(path)
      expect(res.status, path).toBe(303)
      expect(res.headers.get('location')).toBe('/counter/sign-in')
      expect(html).not.toContain('山田')
    }
    const post = await anon.post('/counter/patron', { number: number(1) })
    expect(post.res.status).toBe(303)
    expect(post.res.headers.get('location')).toBe('/counter/sign-in')
    const slash = await anon.get('/counter/')
    expect(slash.res.status).toBe(301)
    expect(slash.res.headers.get('location')).toBe('/counter')
    const signIn = await anon.get('/counter/sign-in')
    expect(signIn.res.status).toBe(200)
    expect(text(signIn.html)).toContain('職員サインイン')
  })

  it('signs in with a session cookie whose SHA-256 is the stored session id', async () => {
    const { app, db } = await harness()
    const desk = new DeskClient(app)
    const { res } = await desk.signIn()
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/counter')
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    expect(cookie).toMatch(/Path=\/counter/)
    expect(cookie).not.toMatch(/Secure/) // plain http in this test
    const token = desk.cookies.get(SESSION_COOKIE)!
    const rows = await db.orm.select().from(staffSessions)
    expect(rows.map((r) => r.id)).toEqual([await sha256Hex(token)])
    expect(rows.map((r) => r.id)).not.toContain(token)
    const page = await desk.get('/counter')
    expect(page.res.status).toBe(200)
    expect(text(page.html)).toContain('担当：田中 司書')
  })

  it('marks the cookie Secure over https', async () => {
    const { app } = await harness()
    const desk = new DeskClient(app, 'https://counter.example.jp')
    const { res } = await desk.signIn()
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!
    expect(cookie).toMatch(/Secure/)
  })

  it('marks the sign-in CSRF cookie Secure behind an https PUBLIC_URL, even over plain http', async () => {
    const { app } = await harness({ publicUrl: 'https://bunko.example.jp' })
    const desk = new DeskClient(app) // the TLS-terminating proxy forwards plain http
    const { res } = await desk.get('/counter/sign-in')
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('bunko_csrf='))!
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/Secure/)
    const plain = await harness()
    const local = await new DeskClient(plain.app).get('/counter/sign-in')
    const localCookie = local.res.headers.getSetCookie().find((c) => c.startsWith('bunko_csrf='))!
    expect(localCookie).not.toMatch(/Secure/)
  })

  it('refuses a sign-in form posted without its CSRF token', async () => {
    const { app, db } = await harness()
    const desk = new DeskClient(app)
    await desk.get('/counter/sign-in')
    const { res } = await desk.post(
      '/counter/sign-in',
      { login: STAFF.login, password: STAFF.password, place: '1' },
      { csrf: false },
    )
    expect(res.status).toBe(403)
    expect(await db.orm.select().from(staffSessions)).toHaveLength(0)
  })

  it('ACC-SECRET: an unknown login and a wrong password get the same answer', async () => {
    const { app } = await harness()
    const a = await new DeskClient(app).signIn('nobody', 'whatever-password')
    const b = await new DeskClient(app).signIn(STAFF.login, 'wrong-password!!')
    expect(a.res.status).toBe(401)
    expect(b.res.status).toBe(401)
    const message = (html: string) => /role="alert">([^<]*)</.exec(html)?.[1]
    expect(message(a.html)).toBe(message(b.html))
    expect(message(a.html)).toContain('ログインIDまたはパスワードが違います')
  })

  it('ACC-SECRET: five wrong passwords lock the login, even for the right one, until the lock ends', async () => {
    const { app, db, wall } = await harness()
    for (let i = 0; i < 5; i++) {
      const { res } = await new DeskClient(app).signIn(STAFF.login, `wrong-${i}-password`)
      expect(res.status).toBe(401)
      wall.now += 60_000
    }
    const locked = await new DeskClient(app).signIn()
    expect(locked.res.status).toBe(429)
    expect(text(locked.html)).toContain('ロックしています')
    expect(await db.orm.select().from(staffSessions)).toHaveLength(0)
    const rows = await db.orm.select().from(loginAttempts)
    expect(rows.every((r) => r.key.startsWith(`staff:${STAFF.login}|`))).toBe(true)
    wall.now += 15 * 60_000
    const after = await new DeskClient(app).signIn()
    expect(after.res.status).toBe(303)
  })

  it('a disabled account cannot sign in', async () => {
    const { app, db } = await harness()
    await db.batch([db.orm.update(staff).set({ disabled: true }).returning({ id: staff.id })])
    expect((await new DeskClient(app).signIn()).res.status).toBe(401)
  })
})

describe('counter sessions', () => {
  it('rejects a POST without the session CSRF token, or with another one, and changes nothing', async () => {
    const { app, db } = await harness()
    const desk = await new DeskClient(app).signedIn()
    const missing = await desk.post('/counter/return', { barcode: 'C21' }, { csrf: false })
    expect(missing.res.status).toBe(403)
    const wrong = await desk.post('/counter/return', { barcode: 'C21' }, { csrf: 'x'.repeat(43) })
    expect(wrong.res.status).toBe(403)
    const [loan] = await db.orm
      .select()
      .from(loans)
      .where(eq(loans.copyId, copyId(2, 1)))
    expect(loan?.returnedAt).toBeNull()
    // Another session's token is no good either.
    const other = await new DeskClient(app).signedIn()
    const crossed = await desk.post('/counter/return', { barcode: 'C21' }, { csrf: other.csrf })
    expect(crossed.res.status).toBe(403)
  })

  it('ends a session after 8 idle hours, counted in wall-clock time', async () => {
    const { app, wall } = await harness()
    const desk = await new DeskClient(app).signedIn()
    const HOUR = 3_600_000
    wall.now += 7 * HOUR
    expect((await desk.get('/counter')).res.status).toBe(200)
    // Use pushed the idle expiry forward: 11 h after sign-in it is still open…
    wall.now += 4 * HOUR
    expect((await desk.get('/counter')).res.status).toBe(200)
    // …and 8 hours without use end it.
    wall.now += IDLE_MS + 1
    const { res } = await desk.get('/counter')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/counter/sign-in')
  })

  it('ends a session 12 hours after sign-in however busy the desk is', async () => {
    const { app, wall } = await harness()
    const desk = await new DeskClient(app).signedIn()
    for (let h = 0; h < 3; h++) {
      wall.now += 4 * 3_600_000 - 1
      expect((await desk.get('/counter')).res.status).toBe(200)
    }
    wall.now += 4
    expect((await desk.get('/counter')).res.status).toBe(303)
  })

  it('moving the demo clock a week ahead does not sign staff out', async () => {
    const { app } = await harness()
    const desk = await new DeskClient(app).signedIn()
    expect((await desk.post('/counter/clock/advance', { by: 'week' })).res.status).toBe(303)
    expect((await desk.get('/counter')).res.status).toBe(200)
  })

  it('sign-out deletes the session; the old cookie no longer opens anything', async () => {
    const { app, db } = await harness()
    const desk = await new DeskClient(app).signedIn()
    const token = desk.cookies.get(SESSION_COOKIE)!
    const out = await desk.post('/counter/sign-out')
    expect(out.res.status).toBe(303)
    expect(out.res.headers.get('location')).toBe('/counter/sign-in?out=1')
    expect(desk.cookies.has(SESSION_COOKIE)).toBe(false)
    expect(await db.orm.select().from(staffSessions)).toHaveLength(0)
    desk.cookies.set(SESSION_COOKIE, token)
    expect((await desk.get('/counter')).res.status).toBe(303)
  })

  it('sets a CSP without inline scripts and no-store on counter pages', async () => {
    const { app } = await harness()
    const desk = await new DeskClient(app).signedIn()
    const { res } = await desk.get('/counter')
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(res.headers.get('cache-control')).toBe('no-store')
  })
})
