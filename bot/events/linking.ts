/**
 * Account linking in LINE's official flow (LINE-LINK), the chat side:
 * アカウント連携 → a link token from LINE → a button to our /link page; after the patron
 * proves who they are there, LINE's dialog sends an `accountLink` event, which binds the
 * nonce's patron to the LINE user and switches the rich menu. Unlinking is always offered.
 */
import type { webhook } from '@line/bot-sdk'
import { familyOf, setFamilyLanguage, unlinkOne } from '../../db/family.ts'
import { familyFull, hasFamilyRoom } from '../../db/family-limit.ts'
import { linkByNonce, unlink as unlinkPatron } from '../../db/links.ts'
import { signLinkState } from '../link/state.ts'
import { errorName } from '../log.ts'
import { cardAddedMessage, unlinkedOneMessage, unlinkWhichMessage } from '../messages/family.ts'
import { helpMessage } from '../messages/help.ts'
import { langOf } from '../messages/lang.ts'
import {
  linkButtonMessage,
  linkExpiredMessage,
  linkFailedMessage,
  linkSucceededMessage,
} from '../messages/link.ts'
import { linkReplacedMessage } from '../messages/password-reset.ts'
import { unlinkConfirmMessage, unlinkedMessage } from '../messages/unlink.ts'
import type { EventContext } from './context.ts'
import { switchMenu } from './menu.ts'

/** Issue a link token for this user and answer with the button to the link page. */
export async function startLinking(ctx: EventContext): Promise<void> {
  const { deps, userId, lang } = ctx
  // ACC-FAMILY: a full family is told at once, not after signing in on the link page.
  const { policy } = deps.config
  if (ctx.link && !(await hasFamilyRoom(deps.db, userId, 0, policy.familyCards))) {
    await ctx.reply([{ type: 'text', text: familyFull(policy).message[lang] }])
    return
  }
  const { linkToken } = await deps.line.client.issueLinkToken(userId)
  // The link page must know which LINE account it links, to ask before replacing a link.
  const state = await signLinkState(deps.config.line.channelSecret, linkToken, {
    lineUserId: userId,
    lang,
    issuedAt: ctx.now,
  })
  const another = ctx.link !== null
  await ctx.reply([
    linkButtonMessage({ publicUrl: deps.config.publicUrl, linkToken, state, lang, another }),
  ])
}

export async function onAccountLink(
  ctx: EventContext,
  event: webhook.AccountLinkEvent,
): Promise<void> {
  const { deps, userId, lang } = ctx
  const { policy } = deps.config
  if (event.link.result !== 'ok') {
    await ctx.reply([linkFailedMessage({ contact: policy.contact, lang })])
    return
  }
  let result: Awaited<ReturnType<typeof linkByNonce>>
  try {
    result = await linkByNonce(
      deps.db,
      { nonce: event.link.nonce, lineUserId: userId },
      ctx.now,
      policy,
    )
  } catch (err) {
    // The patron finished LINE's dialog: never leave them without an answer.
    await ctx.reply([linkFailedMessage({ contact: policy.contact, lang })])
    throw err
  }
  if (!result.ok) {
    deps.log.info('link.refused', { reason: result.reason })
    const message =
      result.reason === 'bad_nonce'
        ? linkExpiredMessage({ minutes: policy.linkNonceMinutes, lang })
        : ({ type: 'text', text: result.message[lang] } as const)
    await ctx.reply([message])
    return
  }
  await setFamilyLanguage(deps.db, { lineUserId: userId, language: lang })
  // LINE-LINK: a LINE account that lost its patron to this link goes back to menu A (in its
  // own language) and is told at once, naming no title, with whom to phone.
  for (const old of result.value.replaced) {
    if (old.lineUserId === userId) continue
    await switchMenu({ ...ctx, userId: old.lineUserId, lang: langOf(old.language) }, false)
    await tellReplaced(ctx, old.lineUserId, old.language)
  }
  await switchMenu(ctx, true)
  const family = await familyOf(deps.db, userId)
  const added = family.find((m) => m.patronId === result.value.patronId)
  const { liffId } = deps.config.line
  await ctx.reply([
    family.length > 1 && added
      ? cardAddedMessage({ name: added.name, count: family.length, liffId, lang })
      : linkSucceededMessage({ liffId, lang }),
  ])
}

async function tellReplaced(ctx: EventContext, lineUserId: string, language: string) {
  const message = linkReplacedMessage(ctx.deps.config.policy.contact, langOf(language))
  try {
    await ctx.deps.line.client.pushMessage(
      { to: lineUserId, messages: [message] },
      crypto.randomUUID(),
    )
  } catch (err) {
    ctx.deps.log.warn('link.replaced_notice_failed', { error: errorName(err) })
  }
}

/**
 * 連携解除 asked for: with one card, confirm it; with several (ACC-FAMILY), ask which one.
 */
export async function askUnlink(ctx: EventContext): Promise<void> {
  const family = await familyOf(ctx.deps.db, ctx.userId)
  await ctx.reply([
    family.length > 1
      ? unlinkWhichMessage({ cards: family, lang: ctx.lang })
      : unlinkConfirmMessage({ lang: ctx.lang }),
  ])
}

/**
 * Remove the link (after the patron confirmed). With `patron` (ACC-FAMILY) only that card of
 * this account goes; the menu returns to A only when the last card has gone.
 */
export async function unlink(ctx: EventContext, patron?: string): Promise<void> {
  const { deps, userId, lang } = ctx
  const { liffId } = deps.config.line
  if (!ctx.link) {
    await ctx.reply([helpMessage({ linked: false, liffId, lang })])
    return
  }
  const family = await familyOf(deps.db, userId)
  const chosen = family.find((m) => String(m.patronId) === patron)
  if (!chosen) {
    // A confirm from before the second card, or a card no longer linked here: ask again.
    if (family.length > 1 || patron !== undefined) return askUnlink(ctx)
    await unlinkPatron(deps.db, userId, ctx.now)
    await switchMenu(ctx, false)
    await ctx.reply([unlinkedMessage({ lang })])
    return
  }
  const { remaining } = await unlinkOne(
    deps.db,
    { lineUserId: userId, patronId: chosen.patronId },
    ctx.now,
  )
  if (remaining > 0) {
    await ctx.reply([unlinkedOneMessage({ name: chosen.name, remaining, liffId, lang })])
    return
  }
  await switchMenu(ctx, false)
  await ctx.reply([unlinkedMessage({ lang })])
}
