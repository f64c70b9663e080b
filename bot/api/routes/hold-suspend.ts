/**
 * HOLD-SUSPEND (休止): `POST /holds/:id/suspend` `{ until }` suspends a waiting hold through
 * that day; `DELETE /holds/:id/suspend` resumes it early. Both answer `{ hold }` as the list
 * shows it. The library system decides (core's suspendHold / resumeHold); a system that does
 * not offer it (capability `suspendHolds`) answers 404, as for any route it lacks.
 */
import { Hono } from 'hono'
import * as v from 'valibot'
import { type InputReason, jstDate, type Refusal } from '../../../core/index.ts'
import type { HoldResponse, Lang } from '../../../liff/api-types.ts'
import type { AppDeps } from '../../deps.ts'
import type { ApiEnv } from '../env.ts'
import { otherHolder } from '../holder.ts'
import { answered, reached } from '../library.ts'
import { problem } from '../problem.ts'
import { inputProblem, isInputReason, ruleProblem } from '../refusals.ts'
import { jsonBody, pathId } from '../validate.ts'
import { holdBodies } from '../views/holds.ts'
import { holdContactOf } from '../views/pickup-contact.ts'
import { WORDS } from '../words.ts'

const SuspendBody = v.strictObject({ until: v.pipe(v.string(), v.maxLength(10)) })

export function holdSuspendRoutes(deps: AppDeps) {
  const { db, library, clock, config } = deps
  const app = new Hono<ApiEnv>()

  /** The one hold as the list shows it, after the change. */
  const holdBody = async (
    patronId: number,
    holdId: number,
    lang: Lang,
    holder: string | undefined,
  ): Promise<HoldResponse> => {
    const now = clock.now()
    const listed = answered(await library.holds({ patronId }, now), lang)
    if (!listed.ok) throw inputProblem(listed, lang)
    const { blocked } = reached(await library.standing(patronId, now), lang)
    const views = listed.value.filter((h) => h.id === holdId)
    const suspend = { today: jstDate(now), enabled: true }
    const [hold] = await holdBodies(db, views, {
      patronId,
      lang,
      policy: config.policy,
      blocked,
      library,
      now,
      suspend,
      holder,
    })
    if (!hold) throw problem(404, 'not_found', WORDS.holdNotFound[lang])
    return { hold }
  }

  app.use('/holds/:id/suspend', async (c, next) => {
    if (!library.capabilities().suspendHolds)
      throw problem(404, 'not_found', WORDS.notFound[c.get('lang')])
    await next()
  })

  app.post('/holds/:id/suspend', async (c) => {
    const lang = c.get('lang')
    const holdId = pathId(c, lang)
    const patronId = c.get('patron').id
    const { until } = await jsonBody(c, SuspendBody, lang)
    const done = answered(await library.suspendHold({ patronId, holdId, until }, clock.now()), lang)
    if (!done.ok) {
      if (isInputReason(done.reason))
        throw inputProblem(done as Refusal<InputReason>, lang, 'until')
      switch (done.reason) {
        case 'ready': {
          const contact = await holdContactOf(
            { library, policy: config.policy },
            { patronId, holdId },
            clock.now(),
            lang,
          )
          throw ruleProblem('ready_hold', done, lang, contact ? { contact } : {})
        }
        case 'bad_date':
        case 'too_far':
          throw ruleProblem(done.reason, done, lang)
        default:
          throw problem(404, 'not_found', done.message[lang])
      }
    }
    return c.json(await holdBody(patronId, holdId, lang, otherHolder(c)))
  })

  app.delete('/holds/:id/suspend', async (c) => {
    const lang = c.get('lang')
    const holdId = pathId(c, lang)
    const patronId = c.get('patron').id
    const done = answered(await library.resumeHold({ patronId, holdId }, clock.now()), lang)
    if (!done.ok) {
      if (isInputReason(done.reason)) throw inputProblem(done as Refusal<InputReason>, lang)
      if (done.reason === 'not_suspended') throw ruleProblem('not_suspended', done, lang)
      throw problem(404, 'not_found', done.message[lang])
    }
    return c.json(await holdBody(patronId, holdId, lang, otherHolder(c)))
  })

  return app
}
