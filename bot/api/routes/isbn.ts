/**
 * ISBN scan (issue 19 item 6): `GET /isbn/:code` finds the title bunko's catalogue has for a
 * scanned EAN-13 (978/979, check digit verified by core), and `POST /purchase-requests` keeps
 * a patron's purchase suggestion (購入リクエスト) for a book it does not have. The catalogue is
 * bunko's own copy (search runs on it too), so this reads db/ directly, not the port, and the
 * lookup answers while the library's system cannot be reached.
 */
import { Hono } from 'hono'
import * as v from 'valibot'
import { jstDate, jstInstant, parseIsbn13 } from '../../../core/index.ts'
import { addPurchaseRequest, FIELD_MAX, titleIdByIsbn } from '../../../db/purchase-requests.ts'
import type { IsbnLookupResponse, PurchaseRequestResponse } from '../../../liff/api-types.ts'
import type { AppDeps } from '../../deps.ts'
import type { OwnEnv } from '../env.ts'
import { problem } from '../problem.ts'
import { inputProblem, isInputReason } from '../refusals.ts'
import { jsonBody } from '../validate.ts'

const RequestBody = v.strictObject({
  isbn: v.pipe(v.string(), v.maxLength(20)),
  title: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(FIELD_MAX.title)),
  author: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(FIELD_MAX.author)), ''),
  note: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(FIELD_MAX.note)), ''),
})

export function isbnRoutes({ db }: AppDeps) {
  const app = new Hono<OwnEnv>()

  app.get('/isbn/:code', async (c) => {
    const lang = c.get('lang')
    const isbn = parseIsbn13(c.req.param('code'))
    if (!isbn.ok) throw problem(400, 'invalid', isbn.message[lang], { field: 'code' })
    const body: IsbnLookupResponse = {
      isbn: isbn.value,
      titleId: await titleIdByIsbn(db, isbn.value),
    }
    return c.json(body)
  })
  return app
}

/**
 * `POST /purchase-requests`: a library service, not bunko's own data, so it is mounted after
 * `requireLibrarySystem` and keeps the access rules (bot/api/index.ts): while the library's
 * system cannot be reached it waits, as a hold does.
 */
export function purchaseRequestRoutes({ db, clock }: AppDeps) {
  const app = new Hono<OwnEnv>()
  app.post('/purchase-requests', async (c) => {
    const lang = c.get('lang')
    const input = await jsonBody(c, RequestBody, lang)
    const now = clock.now()
    const patronId = c.get('link').patronId
    const done = await addPurchaseRequest(db, { patronId, ...input }, now, jstInstant(jstDate(now)))
    if (!done.ok) {
      if (isInputReason(done.reason)) throw inputProblem(done as never, lang, 'title')
      if (done.reason === 'held' || done.reason === 'too_many')
        throw problem(409, done.reason, done.message[lang])
      throw problem(400, 'invalid', done.message[lang], { field: 'isbn' })
    }
    const body: PurchaseRequestResponse = { ok: true, duplicate: done.value.duplicate }
    return c.json(body, done.value.duplicate ? 200 : 201)
  })

  return app
}
