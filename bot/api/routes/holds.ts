/**
 * Holds: the list (GET /holds), placing a cart (POST /holds, HOLD-* decided whole by core),
 * cancelling (DELETE /holds/:id, HOLD-CANCEL) and changing the pickup place (PATCH
 * /holds/:id, HOLD-CHANGE).
 */
import { type Context, Hono } from 'hono'
import * as v from 'valibot'
import {
  holdsPlacedUnlisted,
  type InputReason,
  isAv,
  jstDate,
  type MaterialType,
  type PlaceHoldsReason,
  type Policy,
  placedHoldsCall,
  placedHoldsMessage,
  type Refusal,
} from '../../../core/index.ts'
import { MAX_CART, removeFromCart } from '../../../db/cart.ts'
import { CHANNEL_ACTIONS, recordLineActions } from '../../../db/line-audit.ts'
import type {
  ChangePickupResponse,
  HoldsResponse,
  Lang,
  OkResponse,
  PlaceHoldsResponse,
} from '../../../liff/api-types.ts'
import type { AppDeps } from '../../deps.ts'
import { errorName } from '../../log.ts'
import type { ApiEnv } from '../env.ts'
import { holdNoticeFactsOf } from '../hold-notice.ts'
import { aboutHolder, otherHolder } from '../holder.ts'
import { answered, reached } from '../library.ts'
import { problem } from '../problem.ts'
import { inputProblem, isInputReason, ruleProblem } from '../refusals.ts'
import { idNumber, jsonBody, pathId } from '../validate.ts'
import { type HoldViewContext, holdBodies, isActive } from '../views/holds.ts'
import { contactIn, holdContactOf, pickupOf } from '../views/pickup-contact.ts'
import { contactOf } from '../views/places.ts'
import { titleRows } from '../views/titles.ts'
import { WORDS } from '../words.ts'
import { cartOwner } from './cart.ts'

const PlaceHoldsBody = v.strictObject({
  titleIds: v.pipe(
    v.array(idNumber),
    v.minLength(1),
    v.maxLength(MAX_CART),
    v.check((ids) => new Set(ids).size === ids.length),
  ),
  pickupPlaceId: idNumber,
})

const ChangePickupBody = v.strictObject({
  pickupPlaceId: idNumber,
  wholeSet: v.optional(v.boolean()),
})

export function holdRoutes({ db, library, clock, config, log }: AppDeps) {
  const { policy } = config
  const app = new Hono<ApiEnv>()

  const context = async (c: Context<ApiEnv>): Promise<HoldViewContext> => {
    const [now, lang, patronId] = [clock.now(), c.get('lang'), c.get('patron').id]
    const { blocked } = reached(await library.standing(patronId, now), lang)
    const suspend = { today: jstDate(now), enabled: library.capabilities().suspendHolds }
    const holder = otherHolder(c)
    return { patronId, lang, policy, blocked, library, now, suspend, holder }
  }

  /** The patron's active holds, as the contract shows them, optionally only these ids. */
  const bodies = async (c: Context<ApiEnv>, only?: Set<number>) => {
    const lang = c.get('lang')
    const listed = answered(
      await library.holds({ patronId: c.get('patron').id }, clock.now()),
      lang,
    )
    if (!listed.ok) throw inputProblem(listed, lang)
    const views = only ? listed.value.filter((h) => only.has(h.id)) : listed.value
    return { all: listed.value, holds: await holdBodies(db, views, await context(c)) }
  }

  app.get('/holds', async (c) => {
    const { all, holds } = await bodies(c)
    const active = all.filter(isActive)
    const body: HoldsResponse = {
      holds,
      counts: {
        total: active.length,
        av: active.filter((h) => isAv(h.materialType as MaterialType, policy)).length,
      },
      limits: { ...policy.holdLimit },
    }
    return c.json(body)
  })

  app.post('/holds', async (c) => {
    const lang = c.get('lang')
    const patronId = c.get('patron').id
    const input = await jsonBody(c, PlaceHoldsBody, lang)
    const now = clock.now()
    const holder = otherHolder(c)
    const placed = answered(
      await library.placeHolds({ patronId, ...input, ...(holder ? { holder } : {}) }, now),
      lang,
    )
    if (!placed.ok) {
      const { category } = c.get('patron')
      const culprit = () =>
        culpritOf({ db, library }, { id: patronId, category }, input.titleIds, now, lang)
      throw await placeProblem(placed, culprit, { lang, policy })
    }
    // Reserved titles leave the account's cart, whichever card they were placed for (a refused
    // cart stays as it was): placed for a family member's card, they stayed in it and came back.
    await removeFromCart(db, {
      patronId: cartOwner(c.get('family'), c.get('link')),
      titleIds: input.titleIds,
    })
    const ids = new Set(placed.value.map((h) => h.id))
    await recordLineActions(
      db,
      CHANNEL_ACTIONS.holdPlace,
      [...ids].map((id) => `hold:${id}`),
      now,
    )
    // The holds are placed: a library system that stops answering now must not turn that
    // into an error, or the patron would place them again.
    const body = await confirmation(c, ids, input.pickupPlaceId).catch((err: unknown) => {
      log.warn('api.hold_confirmation_failed', { error: errorName(err) })
      return { holds: [], message: holdsPlacedUnlisted(ids.size)[lang] }
    })
    return c.json(body satisfies PlaceHoldsResponse, 201)
  })

  /** The 完了 page's answer: the holds just placed (`ids`), read back, and core's words. */
  const confirmation = async (
    c: Context<ApiEnv>,
    ids: Set<number>,
    pickupPlaceId: number,
  ): Promise<PlaceHoldsResponse> => {
    const lang = c.get('lang')
    const { holds } = await bodies(c, ids)
    const emails = library.capabilities().emailNotices
    const notice = await holdNoticeFactsOf(db, c.get('patron'), c.get('family'), emails)
    // The place with the library running it: with no notice coming, a locker's says its library.
    const pickup = await pickupOf(library, pickupPlaceId, lang)
    // Placed but not all listed as placed (front mode: a hold the ILS names by a name several
    // titles share is listed under an id of its own): all counted, at the place chosen.
    const unlisted = holds.length < ids.size
    if (unlisted && !pickup) return { holds, message: holdsPlacedUnlisted(ids.size)[lang] }
    const confirmed = unlisted
      ? [...ids].map(() => ({ pickupPlace: pickup, set: null }))
      : pickup
        ? holds.map((h) => ({ ...h, pickupPlace: pickup }))
        : holds
    const message = placedHoldsMessage(confirmed, policy, notice, otherHolder(c))[lang]
    // Whom that message says to phone, for the 完了 page's call button (the same contact).
    const call = placedHoldsCall(confirmed, policy, notice)
    return { holds, message, ...(call ? { contact: contactIn(call, lang) } : {}) }
  }

  app.delete('/holds/:id', async (c) => {
    const lang = c.get('lang')
    const holdId = pathId(c, lang)
    const patronId = c.get('patron').id
    const now = clock.now()
    const done = answered(await library.cancelHold({ patronId, holdId }, now), lang)
    if (done.ok) await recordLineActions(db, CHANNEL_ACTIONS.holdCancel, [`hold:${holdId}`], now)
    if (!done.ok) {
      if (isInputReason(done.reason)) throw inputProblem(done as Refusal<InputReason>, lang)
      if (done.reason === 'ready' || done.reason === 'inter_library') {
        const contact = await holdContactOf(
          { library, policy },
          { patronId, holdId },
          clock.now(),
          lang,
        )
        const code = done.reason === 'ready' ? 'ready_hold' : 'inter_library'
        throw ruleProblem(code, done, lang, contact ? { contact } : {})
      }
      // not_yours, ended: nothing this patron can act on any more.
      throw problem(404, 'not_found', done.message[lang])
    }
    const body: OkResponse = { ok: true }
    return c.json(body)
  })

  app.patch('/holds/:id', async (c) => {
    const lang = c.get('lang')
    const holdId = pathId(c, lang)
    const patronId = c.get('patron').id
    const { pickupPlaceId, wholeSet } = await jsonBody(c, ChangePickupBody, lang)
    const done = answered(
      await library.changePickup({ patronId, holdId, pickupPlaceId, wholeSet }, clock.now()),
      lang,
    )
    if (!done.ok) {
      if (isInputReason(done.reason))
        throw inputProblem(done as Refusal<InputReason>, lang, 'pickupPlaceId')
      switch (done.reason) {
        case 'ready': {
          const contact = await holdContactOf(
            { library, policy },
            { patronId, holdId },
            clock.now(),
            lang,
          )
          throw ruleProblem('ready_hold', done, lang, contact ? { contact } : {})
        }
        case 'blocked':
          throw ruleProblem('blocked', aboutHolder(done, otherHolder(c), policy), lang, {
            contact: contactOf(policy, lang),
          })
        case 'pickup':
          throw ruleProblem('pickup', done, lang)
        default:
          throw problem(404, 'not_found', done.message[lang])
      }
    }
    // Moved: a library system that stops answering now must not turn that into an error (the
    // patron would move it again); the app says it is done and reads the list again.
    const listed = await bodies(c, new Set(done.value.changed)).catch((err: unknown) => {
      log.warn('api.pickup_change_unlisted', { error: errorName(err) })
      return null
    })
    if (!listed) return c.json({ hold: null, changed: [] } satisfies ChangePickupResponse)
    const hold = listed.holds.find((h) => h.id === holdId)
    if (!hold) throw problem(404, 'not_found', WORDS.holdNotFound[lang])
    const body: ChangePickupResponse = { hold, changed: listed.holds }
    return c.json(body)
  })

  return app
}

type CartReason = Exclude<PlaceHoldsReason, InputReason>
const ACCESS = new Set<CartReason>(['wide_area', 'expired', 'no_password'])
const TITLE_REASONS = new Set<CartReason>(['not_for_loan', 'audiobook', 'duplicate'])

/**
 * A refused cart: 409 with core's reason, naming the title at fault where there is one
 * (HOLD-NONCIRC, HOLD-AUDIOBOOK, HOLD-DUPLICATE) and whom to phone where the sentence says so.
 */
async function placeProblem(
  refusal: Refusal<PlaceHoldsReason>,
  culprit: () => Promise<number | undefined>,
  ctx: { lang: Lang; policy: Policy },
) {
  const { lang, policy } = ctx
  if (isInputReason(refusal.reason))
    return inputProblem(refusal as Refusal<InputReason>, lang, 'titleIds')
  const reason = refusal.reason as CartReason
  const contact = contactOf(policy, lang)
  if (ACCESS.has(reason)) return problem(403, reason, refusal.message[lang], { contact })
  if (reason === 'empty')
    return problem(400, 'invalid', refusal.message[lang], { field: 'titleIds' })
  if (TITLE_REASONS.has(reason)) {
    const titleId = await culprit()
    return ruleProblem(reason, refusal, lang, {
      ...(titleId ? { titleId } : {}),
      ...(reason === 'audiobook' ? { contact } : {}),
    })
  }
  return ruleProblem(reason, refusal, lang, reason === 'blocked' ? { contact } : {})
}

/**
 * The cart title core refused: core checks the cart in order and stops at the first title
 * that is 禁帯出, an audiobook for a general patron, or already held or on loan.
 */
async function culpritOf(
  { db, library }: Pick<AppDeps, 'db' | 'library'>,
  patron: { id: number; category: string },
  titleIds: number[],
  now: number,
  lang: Lang,
) {
  const [rows, held, lent] = await Promise.all([
    titleRows(db, titleIds),
    library.holds({ patronId: patron.id }, now),
    library.loans(patron.id, now),
  ])
  const active = reached(held, lang)
  const loans = reached(lent, lang)
  const mine = new Set([...active.map((h) => h.titleId), ...loans.map((l) => l.titleId)])
  const byId = new Map(rows.map((t) => [t.id, t]))
  return titleIds.find((id) => {
    const t = byId.get(id)
    if (!t) return false
    const audiobook = t.materialType === 'audiobook' && patron.category !== 'print_disabled'
    return t.notForLoan || audiobook || mine.has(id)
  })
}
