/**
 * Unlinking from the app's settings (LINE-LINK, always offered; ACC-FAMILY one card at a time).
 * The chat then shows what the chat's own 連携解除 says, pushed once (the app's call has no
 * reply token; a review found the chat gave no trace of an unlink made in the app), and the
 * menu goes back to A when the last card has gone (LINE-MENU), as in the chat.
 */

import type { messagingApi } from '@line/bot-sdk'
import { Hono } from 'hono'
import { unlinkOne } from '../../../db/family.ts'
import { unlink } from '../../../db/links.ts'
import type { UnlinkResponse } from '../../../liff/api-types.ts'
import type { AppDeps } from '../../deps.ts'
import { errorName } from '../../log.ts'
import { unlinkedOneMessage } from '../../messages/family.ts'
import type { Lang } from '../../messages/lang.ts'
import { unlinkedMessage } from '../../messages/unlink.ts'
import { linkMenuForPatron, type MenuIds, resolveMenuIds } from '../../richmenu/link.ts'
import type { LinkEnv } from '../env.ts'
import { PATRON_HEADER } from '../patron-choice.ts'
import { noBody } from '../validate.ts'

/** A Japanese user's unlinking removes their own menu and links none: it needs no menu ids. */
const NO_MENU_IDS: MenuIds = { menuA: '', menuB: '', menuAEn: null, menuBEn: null }

export function unlinkRoutes(deps: AppDeps) {
  const { db, clock } = deps
  const app = new Hono<LinkEnv>()

  app.post('/unlink', async (c) => {
    const lang = c.get('lang')
    await noBody(c, lang)
    const userId = c.get('lineUserId')
    const family = c.get('family')
    const now = clock.now()
    // ACC-FAMILY: a call naming its card unlinks that card only; the menu goes back to A
    // when no card is left. Without the header, every card goes (the one-card app's call).
    let done: { unlinked: boolean; remaining: number }
    if (c.req.header(PATRON_HEADER))
      done = await unlinkOne(db, { lineUserId: userId, patronId: c.get('link').patronId }, now)
    else done = { unlinked: (await unlink(db, userId, now)) !== null, remaining: 0 }
    if (done.remaining === 0) await menuBackToA(deps, userId, lang)
    // Only the call that removed the link tells the chat: a second tap or a call racing this
    // one removes nothing and pushes nothing. A user who blocked the account cannot be pushed.
    if (done.unlinked && family.some((m) => m.followed)) {
      const message =
        done.remaining > 0
          ? unlinkedOneMessage({
              name: c.get('link').name,
              remaining: done.remaining,
              liffId: deps.config.line.liffId,
              lang,
            })
          : unlinkedMessage({ lang })
      await tellChat(deps, userId, message)
    }
    const body: UnlinkResponse = { ok: true, remaining: done.remaining }
    return c.json(body)
  })

  return app
}

/**
 * LINE-MENU: removing the per-user menu B puts the user back on the default menu A; an English
 * user (the app's language is LINE's) gets the English A, named by its alias. Without the
 * English A's id (LINE unreachable), the default A: never left on B. Best effort: the link is
 * gone either way, and the next sync or event leaves menu A in place.
 */
async function menuBackToA({ line, log }: AppDeps, userId: string, lang: Lang) {
  try {
    const ids =
      lang === 'en' ? await resolveMenuIds(line.client).catch(() => NO_MENU_IDS) : NO_MENU_IDS
    await linkMenuForPatron(line.client, userId, false, ids, lang)
  } catch (e) {
    log.warn('api.unlink_menu_failed', { error: e instanceof Error ? e.name : 'unknown' })
  }
}

/** One push, as the app's other messages to the chat are sent; a failure is logged, not fatal. */
async function tellChat({ line, log }: AppDeps, userId: string, message: messagingApi.Message) {
  try {
    await line.client.pushMessage({ to: userId, messages: [message] }, crypto.randomUUID())
  } catch (err) {
    log.warn('api.unlink_notice_failed', { error: errorName(err) })
  }
}
