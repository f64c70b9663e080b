/**
 * The web password is the library system's (issue 14): registering or resetting it on the
 * /password page and changing it in the LIFF settings go through the port. When the system
 * cannot be reached the page says so plainly (503), keeps what was typed, and nothing changes.
 */
import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { UNAVAILABLE_MESSAGE, unavailable } from '../../core/index.ts'
import { patrons } from '../../db/schema.ts'
import { type Bunko, startBunko } from '../support/bunko.ts'
import { browser, hidden } from './link-flow.ts'

let b: Bunko
afterEach(() => b?.close())

/** 中村 翔太 has no web password yet (the demo library). */
const SHOTA = {
  number: '1000000008',
  name: '中村 翔太',
  phone: '090-0000-0008',
  password: 'shota-0008x',
  confirm: 'shota-0008x',
}

const hashOf = async (number: string) =>
  (await b.db.orm.select().from(patrons).where(eq(patrons.number, number)))[0]?.passwordHash

async function register() {
  const page = browser()
  const form = await page.get(`${b.origin}/password`)
  return page.post(`${b.origin}/password`, { csrf: hidden(form.html, 'csrf'), ...SHOTA })
}

describe('the password through the library system', () => {
  it('ACC-RESET: registering a password asks the port, which sets it', async () => {
    let asked = 0
    b = await startBunko({
      library: (e) => ({
        ...e,
        resetPassword: (input, now) => {
          asked += 1
          return e.resetPassword(input, now)
        },
      }),
    })
    const res = await register()
    expect(res.res.status).toBe(200)
    expect(asked).toBe(1)
    expect(await hashOf(SHOTA.number)).toBeTruthy()
  })

  it('an unreachable system: 503, a plain sentence, the number kept, nothing set', async () => {
    b = await startBunko({ library: (e) => ({ ...e, resetPassword: async () => unavailable() }) })
    const res = await register()
    expect(res.res.status).toBe(503)
    expect(res.html).toContain(UNAVAILABLE_MESSAGE.ja)
    expect(res.html).toContain(SHOTA.number)
    expect(await hashOf(SHOTA.number)).toBeNull()
    expect(b.log.lines.some((l) => l.includes('password.reset_unavailable'))).toBe(true)
  })
})
