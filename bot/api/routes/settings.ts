/**
 * Settings: password change (the current password required; ACC-SECRET lockout applies),
 * LINE notice preferences per kind (NOTICE-KINDS, NOTICE-DUE-SOON with its lead time,
 * NOTICE-EXPIRY). Unlinking is ./unlink.ts.
 */
import { type Context, Hono } from 'hono'
import * as v from 'valibot'
import { holdNoticeWay } from '../../../core/hold-notice.ts'
import type { InputReason } from '../../../core/library-system.ts'
import { DUE_SOON_LEAD_DAYS } from '../../../core/notice-reminders.ts'
import type { Refusal } from '../../../core/types.ts'
import { getNoticePrefs, type NoticePrefs, setNoticePrefs } from '../../../db/shelf.ts'
import type { HoldNoticeWay, NotificationPrefs, OkResponse } from '../../../liff/api-types.ts'
import type { AppDeps } from '../../deps.ts'
import { clientAddress } from '../../rate-limit.ts'
import type { ApiEnv } from '../env.ts'
import { holdNoticeFacts } from '../hold-notice.ts'
import { answered, reached } from '../library.ts'
import { problem } from '../problem.ts'
import { inputProblem, isInputReason } from '../refusals.ts'
import { jsonBody } from '../validate.ts'
import { contactOf } from '../views/places.ts'
import { WORDS } from '../words.ts'

/** Long enough for any password the policy allows; core says what is too long. */
const secret = v.pipe(v.string(), v.minLength(1), v.maxLength(1024))
const PasswordBody = v.strictObject({ current: secret, next: secret })

const PrefsBody = v.strictObject({
  line: v.strictObject({ hold_ready: v.boolean(), overdue: v.boolean() }),
  due_soon_days: v.optional(v.nullable(v.picklist(DUE_SOON_LEAD_DAYS))),
  expiry: v.optional(v.boolean()),
})

const prefsBody = (
  p: NoticePrefs,
  holdReadyLocked: boolean,
  holdNotice: HoldNoticeWay,
): NotificationPrefs => ({
  line: { hold_ready: p.holdReady, overdue: p.overdue },
  due_soon_days: p.dueSoonDays,
  expiry: p.expiry,
  hold_ready_locked: holdReadyLocked,
  hold_notice: holdNotice,
})

export function settingsRoutes(deps: AppDeps) {
  const { db, clock, config } = deps
  const { policy } = config
  const app = new Hono<ApiEnv>()
  const ok: OkResponse = { ok: true }

  app.post('/password', async (c) => {
    const lang = c.get('lang')
    const { current, next } = await jsonBody(c, PasswordBody, lang)
    if (current === next) throw problem(409, 'same_password', WORDS.samePassword[lang])
    const patronId = c.get('patron').id
    const address = clientAddress(deps, c)
    const done = answered(
      await deps.library.changePassword({ patronId, current, next, address }, clock.now()),
      lang,
    )
    if (done.ok) return c.json(ok)
    const message = done.message[lang]
    if (isInputReason(done.reason)) throw inputProblem(done as Refusal<InputReason>, lang)
    switch (done.reason) {
      case 'locked':
        throw problem(423, 'locked', message, { contact: contactOf(policy, lang) })
      case 'wrong_credentials':
        // core's sentence: before the last try it says one remains (ACC-SECRET).
        throw problem(409, 'wrong_password', message, { field: 'current' })
      default:
        // too_short, too_long, bad_characters, too_simple: core's sentence repeats the rule.
        throw problem(409, 'weak_password', message, { field: 'next' })
    }
  })

  /**
   * ACC-PASSWORD: a confirmed e-mail is another way to reach the patron only where the
   * library system sends e-mail (capabilities' `emailNotices`; bunko itself sends none).
   */
  const emailReaches = (row: { emailConfirmed: boolean }) =>
    row.emailConfirmed && deps.library.capabilities().emailNotices

  /**
   * ACC-PASSWORD: whether the hold-ready notice must stay on — active holds and no other way
   * to reach the patron. When the library system cannot say, it is shown as locked (the safe
   * side); the PUT still asks it before turning anything off.
   */
  const holdReadyLocked = async (row: { id: number; emailConfirmed: boolean }) => {
    if (emailReaches(row)) return false
    const standing = await deps.library.standing(row.id, clock.now())
    return !standing.ok || standing.value.holds.total > 0
  }

  /** The settings as the app shows them, with how this card would hear a hold is ready. */
  const answer = async (p: NoticePrefs, c: Context<ApiEnv>) => {
    const row = c.get('patron')
    const emails = deps.library.capabilities().emailNotices
    const way = holdNoticeWay(holdNoticeFacts(p, row, c.get('family'), emails))
    return c.json(prefsBody(p, await holdReadyLocked(row), way))
  }

  app.get('/notifications', async (c) => answer(await getNoticePrefs(db, c.get('patron').id), c))

  app.put('/notifications', async (c) => {
    const lang = c.get('lang')
    const { line: wanted, due_soon_days: dueSoonDays, expiry } = await jsonBody(c, PrefsBody, lang)
    const row = c.get('patron')
    if (!wanted.hold_ready && !emailReaches(row)) {
      // ACC-PASSWORD: a hold needs a way to tell the patron it is ready.
      const { holds } = reached(await deps.library.standing(row.id, clock.now()), lang)
      if (holds.total > 0) throw problem(409, 'needs_channel', WORDS.needsChannel[lang])
    }
    const saved = await setNoticePrefs(
      db,
      {
        patronId: row.id,
        holdReady: wanted.hold_ready,
        overdue: wanted.overdue,
        ...(dueSoonDays !== undefined ? { dueSoonDays } : {}),
        ...(expiry !== undefined ? { expiry } : {}),
      },
      clock.now(),
    )
    if (!saved) throw problem(403, 'not_linked', WORDS.notLinked[lang])
    return answer(saved, c)
  })

  return app
}
