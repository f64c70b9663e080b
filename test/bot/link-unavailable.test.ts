/**
 * The link page when the library's system cannot be reached (front mode, ILS down): signing
 * in is answered 503 with the plain sentence on the form, and nothing is linked.
 */
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { UNAVAILABLE_MESSAGE, unavailable } from '../../core/index.ts'
import { lineLinks } from '../../db/schema.ts'
import { type Bunko, startBunko } from '../support/bunko.ts'
import { requestLinkPage, signInOnLinkPage } from './link-flow.ts'

let b: Bunko
let user: string

beforeAll(async () => {
  b = await startBunko({
    library: (embedded) => ({ ...embedded, authenticate: async () => unavailable() }),
  })
  user = b.users[0]!.userId
  await b.sim.users.follow(user)
  await b.settled()
})
afterAll(() => b.close())

describe('LINE-LINK when the library system cannot be reached', () => {
  it('answers 503 with the plain sentence and links nothing', async () => {
    const url = await requestLinkPage(b, user)
    const signed = await signInOnLinkPage(b, url, '1000000001', 'hanako-0001')
    expect(signed.res.status).toBe(503)
    expect(signed.html).toContain(UNAVAILABLE_MESSAGE.ja)
    const links = await b.db.orm.select().from(lineLinks).where(eq(lineLinks.lineUserId, user))
    expect(links).toEqual([])
  })
})
