/**
 * Settings: password change (the current password required; ACC-SECRET lockout applies),
 * LINE notice preferences per kind (NOTICE-KINDS), and unlinking (LINE-LINK, always offered).
 */
import { Hono } from 'hono'
import * as v from 'valibot'
import type { Refusal } from '../../../core/types.ts'
import { unlinkOne } from '../../../db/family.ts'
import { unlink } from '../../../db/links.ts'
import { changePassword } from '../../../db/patrons.ts'
import type { InputReason } from '../../../db/refusals.ts'
import { getNoticePrefs, type NoticePrefs, setNoticePrefs } from '../../../db/shelf.ts'
import type { NotificationPrefs, OkResponse, UnlinkResponse } from '../../../liff/api-types.ts'
import type { AppDeps } from '../../deps.ts'
import { clientAddress } from '../../rate-limit.ts'
import { linkMenuForPatron, type MenuIds } from '../../richmenu/link.ts'
import type { ApiEnv } from '../env.ts'
import { reached } from '../library.ts'
import { PATRON_HEADER } from '../patron-choice.ts'
import { problem } from '../problem.ts'
import { inputProblem, isInputReason } from '../refusals.ts'
import { jsonBody, noBody } from '../validate.ts'
import { contactOf } from '../views/places.ts'
import { WORDS } from '../words.ts'

/** Long enough for any password the policy allows; core says what is too long. */
const secret = v.pipe(v.string(), v.minLength(1), v.maxLength(1024))
const PasswordBody = v.strictObject({ current: secret, next: secret })

const PrefsBody = v.strictObject({
  line: v.strictObject({ hold_ready: v.boolean(), overdue: v.boolean() }),
})

/** Unlinking removes the user's own menu and links none, so it needs no menu ids. */
const NO_MENU_IDS: MenuIds = { menuA: '', menuB: '' }

const prefsBody = (p: NoticePrefs): NotificationPrefs => ({
  line: { hold_ready: p.holdReady, overdue: p.overdue },
})

export function settingsRoutes(deps: AppDeps) {
  const { db, clock, config, line, log } = deps
  const { policy } = config
  const app = new Hono<ApiEnv>()
  const ok: OkResponse = { ok: true }

  app.post('/password', async (c) => {
    const lang = c.get('lang')
    const { current, next } = await jsonBody(c, PasswordBody, lang)
    if (current === next) throw problem(409, 'same_password', WORDS.samePassword[lang])
    const patronId = c.get('patron').id
    const address = clientAddress(deps, c)
    const done = await changePassword(db, { patronId, current, next, address }, clock.now(), policy)
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

  app.get('/notifications', async (c) => {
    return c.json(prefsBody(await getNoticePrefs(db, c.get('patron').id)))
  })

  app.put('/notifications', async (c) => {
    const lang = c.get('lang')
    const { line: wanted } = await jsonBody(c, PrefsBody, lang)
    const row = c.get('patron')
    if (!wanted.hold_ready && !row.emailConfirmed) {
      // ACC-PASSWORD: a hold needs a way to tell the patron it is ready.
      const { holds } = reached(await deps.library.standing(row.id, clock.now()), lang)
      if (holds.total > 0) throw problem(409, 'needs_channel', WORDS.needsChannel[lang])
    }
    const saved = await setNoticePrefs(
      db,
      { patronId: row.id, holdReady: wanted.hold_ready, overdue: wanted.overdue },
      clock.now(),
    )
    if (!saved) throw problem(403, 'not_linked', WORDS.notLinked[lang])
    return c.json(prefsBody(saved))
  })

  app.post('/unlink', async (c) => {
    await noBody(c, c.get('lang'))
    const userId = c.get('lineUserId')
    const now = clock.now()
    // ACC-FAMILY: a call naming its card unlinks that card only; the menu goes back to A
    // when no card is left. Without the header, every card goes (the one-card app's call).
    let remaining = 0
    if (c.req.header(PATRON_HEADER)) {
      const patronId = c.get('patron').id
      remaining = (await unlinkOne(db, { lineUserId: userId, patronId }, now)).remaining
    } else await unlink(db, userId, now)
    if (remaining === 0) {
      try {
        // LINE-MENU: removing the per-user menu B puts the user back on the default menu A.
        await linkMenuForPatron(line.client, userId, false, NO_MENU_IDS)
      } catch (e) {
        // Best effort: the link is gone either way, and the next sync leaves menu A in place.
        log.warn('api.unlink_menu_failed', { error: e instanceof Error ? e.name : 'unknown' })
      }
    }
    const body: UnlinkResponse = { ok: true, remaining }
    return c.json(body)
  })

  return app
}
