/**
 * Loans and renewals: the list with each renewal's quote (RENEW-NO-GAIN: the new due date is
 * shown before confirming), renew one, renew all (RENEW-REASONS: each loan on its own).
 */
import { type Context, Hono } from 'hono'
import * as v from 'valibot'
import {
  type Decision,
  type InputReason,
  isJstDate,
  jstDate,
  type Refusal,
} from '../../../core/index.ts'
import { CHANNEL_ACTIONS, recordLineActions } from '../../../db/line-audit.ts'
import type {
  LoansResponse,
  RenewAllResponse,
  RenewRefusalReason,
  RenewResponse,
} from '../../../liff/api-types.ts'
import type { AppDeps } from '../../deps.ts'
import { errorName } from '../../log.ts'
import type { ApiEnv } from '../env.ts'
import { aboutHolder, otherHolder } from '../holder.ts'
import { answered } from '../library.ts'
import { problem } from '../problem.ts'
import { inputProblem, isInputReason, ruleProblem } from '../refusals.ts'
import { jsonBody, noBody, pathId } from '../validate.ts'
import { loanBodies } from '../views/loans.ts'
import { contactOf } from '../views/places.ts'
import { alreadyRenewed, WORDS } from '../words.ts'

const RenewBody = v.strictObject({
  quotedDueDate: v.optional(
    v.pipe(
      v.string(),
      v.maxLength(10),
      v.check((s: string) => isJstDate(s)),
    ),
  ),
})

export function loanRoutes({ db, library, clock, config, log }: AppDeps) {
  const { policy } = config
  const app = new Hono<ApiEnv>()

  const list = async (patronId: number, lang: 'ja' | 'en', now: number) => {
    const listed = answered(await library.loans(patronId, now), lang)
    if (!listed.ok) throw inputProblem(listed, lang)
    return listed.value
  }

  app.get('/loans', async (c) => {
    const lang = c.get('lang')
    const now = clock.now()
    const views = await list(c.get('patron').id, lang, now)
    const holder = otherHolder(c)
    const body: LoansResponse = {
      today: jstDate(now),
      loans: await loanBodies(db, views, { lang, policy, library, holder }),
    }
    return c.json(body)
  })

  app.post('/loans/renew-all', async (c) => {
    const lang = c.get('lang')
    await noBody(c, lang)
    const patronId = c.get('patron').id
    const now = clock.now()
    const done = answered(await library.renewAll(patronId, now), lang)
    if (!done.ok) throw inputProblem(done, lang)
    const renewed = done.value.filter((r) => r.result.ok).map((r) => `loan:${r.loanId}`)
    await recordLineActions(db, CHANNEL_ACTIONS.renew, renewed, now)
    const raced = done.value.some((r) => !r.result.ok && r.result.reason === 'conflict')
    // Asked only to explain a race; renewals already made stand if the system stopped answering.
    const fresh = raced
      ? await list(patronId, lang, now).catch((err: unknown) => {
          log.warn('api.renew_all_unlisted', { error: errorName(err) })
          return []
        })
      : []
    const body: RenewAllResponse = {
      results: done.value.map(({ loanId, title, result: first }) => {
        const result = settle(first, fresh.find((l) => l.id === loanId)?.renewal)
        return result.ok
          ? {
              loanId,
              title,
              ok: true as const,
              previousDueDate: result.value.currentDueDate,
              dueDate: result.value.newDueDate,
            }
          : {
              loanId,
              title,
              ok: false as const,
              refusal: renewRefusal(aboutHolder(result, otherHolder(c), policy), lang, policy),
            }
      }),
    }
    return c.json(body)
  })

  /** The loan just renewed, as the system lists it now (null: it no longer lists it). */
  const renewedLoan = async (c: Context<ApiEnv>, loanId: number, now: number) => {
    const lang = c.get('lang')
    const view = (await list(c.get('patron').id, lang, now)).find((l) => l.id === loanId)
    const ctx = { lang, policy, library, holder: otherHolder(c) }
    const [loan] = view ? await loanBodies(db, [view], ctx) : []
    return loan ?? null
  }

  app.post('/loans/:id/renew', async (c) => {
    const lang = c.get('lang')
    const loanId = pathId(c, lang)
    const { quotedDueDate } = await jsonBody(c, RenewBody, lang, { emptyIsObject: true })
    const patronId = c.get('patron').id
    const now = clock.now()
    if (quotedDueDate !== undefined) {
      // RENEW-NO-GAIN: what was shown is what is applied; a new day means a new quote.
      const current = (await list(patronId, lang, now)).find((l) => l.id === loanId)
      if (current?.renewal.ok && current.renewal.value.newDueDate !== quotedDueDate)
        throw problem(409, 'quote_changed', WORDS.quoteChanged[lang])
      // Renewed meanwhile (another tab or phone, the counter): already due on the date offered
      // or later. Saying so beats "renewing would not move the due date" (no_gain).
      if (current && !current.renewal.ok && current.dueDate >= quotedDueDate)
        throw problem(409, 'already_renewed', alreadyRenewed(current.dueDate)[lang])
    }
    const first = answered(await library.renew({ patronId, loanId }, now), lang)
    const raced = !first.ok && first.reason === 'conflict'
    const again = raced ? (await list(patronId, lang, now)).find((l) => l.id === loanId) : undefined
    const settled = settle(first, again?.renewal)
    const done = settled.ok ? settled : aboutHolder(settled, otherHolder(c), policy)
    if (first.ok) await recordLineActions(db, CHANNEL_ACTIONS.renew, [`loan:${loanId}`], now)
    if (!done.ok) {
      if (isInputReason(done.reason)) throw inputProblem(done as Refusal<InputReason>, lang)
      const refusal = renewRefusal(done as Refusal<RenewRefusalReason>, lang, policy)
      throw ruleProblem(
        refusal.reason,
        done,
        lang,
        refusal.contact ? { contact: refusal.contact } : {},
      )
    }
    // Renewed: a library system that stops answering now must not turn that into an error, or
    // the patron would believe the loan still due on the old day. The app then says the new
    // date and reads the list again.
    const loan = await renewedLoan(c, loanId, now).catch((err: unknown) => {
      log.warn('api.renewal_unlisted', { error: errorName(err) })
      return null
    })
    const body: RenewResponse = {
      loan,
      previousDueDate: done.value.currentDueDate,
      dueDate: done.value.newDueDate,
    }
    return c.json(body)
  })

  return app
}

/**
 * A renewal whose guarded write matched nothing (db `conflict`: the loan changed meanwhile,
 * e.g. another patron's hold arrived or a second tap renewed it first) is reported with the
 * reason a fresh quote gives now, so the patron hears "held" or "no gain" rather than "try
 * again". Only when the fresh quote would allow it does the conflict stand.
 */
function settle<T, R extends string>(
  first: Decision<T, R>,
  fresh: Decision<unknown, RenewRefusalReason> | undefined,
): Decision<T, R | RenewRefusalReason> {
  if (first.ok || first.reason !== 'conflict' || !fresh || fresh.ok) return first
  return fresh
}

/** A renewal refusal in the contract's words; a blocked patron is told whom to phone. */
function renewRefusal(
  r: Refusal<string>,
  lang: 'ja' | 'en',
  policy: AppDeps['config']['policy'],
): { reason: RenewRefusalReason; message: string; contact?: { name: string; phone: string } } {
  const reason = r.reason as RenewRefusalReason
  return {
    reason,
    message: r.message[lang],
    ...(reason === 'blocked' || reason === 'no_gain' ? { contact: contactOf(policy, lang) } : {}),
  }
}
