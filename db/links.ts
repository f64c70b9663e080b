/**
 * LINE links (LINE-LINK): a one-time nonce after the patron proves who they are, the
 * accountLink event that spends it, unlinking, follow/unfollow, and webhook event ids.
 * The nonce is ≥128 random bits, stored only as its SHA-256, single use, and expires after
 * policy.linkNonceMinutes. Linking replaces the patron's old link atomically: a patron has at
 * most one LINE user, a LINE user up to policy.familyCards patrons (ACC-FAMILY).
 */
import { and, eq, lt, sql } from 'drizzle-orm'
import {
  type AccessReason,
  type Decision,
  jstDate,
  mayLinkLine,
  type Policy,
} from '../core/index.ts'
import { handCartOn } from './cart.ts'
import { type Db, raw } from './client.ts'
import { openLoanFacts, patronFacts } from './facts.ts'
import { familyFull, familyRoom, hasFamilyRoom } from './family-limit.ts'
import { LINK_ACTIONS, lineAuditFrom } from './line-audit.ts'
import { randomToken, sha256Hex } from './password.ts'
import { preparedOnce } from './prepared.ts'
import { type InputReason, inputRefusal, isId, isText } from './refusals.ts'
import { lineLinks, linkNonces, webhookEvents } from './schema.ts'

/** Issue a link nonce for a patron who has just signed in on the link page. */
export async function createLinkNonce(
  db: Db,
  input: { patronId: number; lineUserId?: string | null },
  now: number,
  policy: Policy,
): Promise<Decision<{ nonce: string; expiresAt: number }, InputReason>> {
  if (!isId(input.patronId) || (input.lineUserId != null && !isText(input.lineUserId, 64)))
    return inputRefusal('invalid_input')
  const nonce = randomToken(32)
  const expiresAt = now + policy.linkNonceMinutes * 60_000
  const [rows] = await db.batch([
    raw<{ patronId: number }>(sql`INSERT INTO link_nonces
        (nonce_hash, patron_id, line_user_id, created_at, expires_at)
      SELECT ${await sha256Hex(nonce)}, id, ${input.lineUserId ?? null}, ${now}, ${expiresAt}
      FROM patrons WHERE id = ${input.patronId}
      RETURNING patron_id AS patronId`),
  ])
  return rows[0] ? { ok: true, value: { nonce, expiresAt } } : inputRefusal('unknown_patron')
}

export type LinkReason = 'bad_nonce' | 'family_full' | AccessReason | InputReason

const badNonce = {
  ja: '連携の有効期限が切れたか、すでに使われています。お手数ですが、もう一度「アカウント連携」からやり直してください。',
  en: 'This link request has expired or was already used. Please start again from "Link your account".',
}

/**
 * The accountLink event: spend the nonce and link its patron to `lineUserId`, replacing the
 * link the patron had (LINE-LINK) and keeping the LINE user's other patrons (ACC-FAMILY).
 * core's access rules (ACC-BLOCK-OVERDUE, ACC-EXPIRED, wide-area, no password) are checked
 * again at this moment. The family limit is part of the statement that spends the nonce, so
 * links racing for the last place never make one more than the limit.
 */
export async function linkByNonce(
  db: Db,
  input: { nonce: string; lineUserId: string },
  now: number,
  policy: Policy,
): Promise<
  Decision<
    { patronId: number; replaced: { patronId: number; lineUserId: string; language: string }[] },
    LinkReason
  >
> {
  if (!isText(input.nonce, 200) || !isText(input.lineUserId, 64))
    return inputRefusal('invalid_input')
  const hash = await sha256Hex(input.nonce)
  const [pending] = await db.orm.select().from(linkNonces).where(eq(linkNonces.nonceHash, hash))
  const usable =
    pending &&
    pending.usedAt === null &&
    pending.expiresAt > now &&
    (pending.lineUserId === null || pending.lineUserId === input.lineUserId)
  if (!usable) return { ok: false, reason: 'bad_nonce', message: badNonce }
  const found = await patronFacts(db, { id: pending.patronId })
  if (!found) return inputRefusal('unknown_patron')
  const loans = await openLoanFacts(db, found.row.id)
  const access = mayLinkLine(
    { patron: found.patron, loans: loans.map((l) => l.core), today: jstDate(now) },
    policy,
  )
  if (!access.ok) return access
  const claim = randomToken(16)
  const spent = sql`SELECT 1 FROM link_nonces WHERE nonce_hash = ${hash} AND used_by = ${claim}`
  const room = familyRoom(input.lineUserId, found.row.id, policy.familyCards)
  const results = await db.batch([
    raw<{ patronId: number }>(sql`UPDATE link_nonces SET used_at = ${now}, used_by = ${claim}
      WHERE nonce_hash = ${hash} AND used_at IS NULL AND expires_at > ${now} AND ${room}
      RETURNING patron_id AS patronId`),
    // The card leaves its account (or, linked again there, goes last): the cart stays behind.
    ...handCartOn(
      sql`(SELECT line_user_id FROM line_links WHERE patron_id = ${found.row.id})`,
      found.row.id,
      sql`EXISTS (${spent})`,
    ),
    // The link this one replaces (even its own pair, linked again) counts as an unlink.
    lineAuditFrom(
      LINK_ACTIONS.unlink,
      now,
      sql`SELECT 'patron:' || patron_id AS subject FROM line_links
        WHERE patron_id = ${found.row.id} AND EXISTS (${spent})`,
    ),
    raw<{ patronId: number; lineUserId: string; language: string }>(sql`DELETE FROM line_links
      WHERE patron_id = ${found.row.id} AND EXISTS (${spent})
      RETURNING patron_id AS patronId, line_user_id AS lineUserId, language`),
    raw<{ id: number }>(sql`INSERT INTO line_links (line_user_id, patron_id, linked_at, followed)
      SELECT ${input.lineUserId}, ${found.row.id}, ${now}, 1 WHERE EXISTS (${spent}) AND ${room}
      RETURNING id`),
    lineAuditFrom(
      LINK_ACTIONS.link,
      now,
      sql`SELECT ${`patron:${found.row.id}`} AS subject WHERE EXISTS (${spent})`,
    ),
  ])
  if (!results[5][0]) {
    const full = !(await hasFamilyRoom(db, input.lineUserId, found.row.id, policy.familyCards))
    return full ? familyFull(policy) : { ok: false, reason: 'bad_nonce', message: badNonce }
  }
  const replaced = results[4].filter(
    (r) => r.patronId !== found.row.id || r.lineUserId !== input.lineUserId,
  )
  return { ok: true, value: { patronId: found.row.id, replaced } }
}

export interface LinkView {
  patronId: number
  lineUserId: string
  followed: boolean
  language: string
  linkedAt: number
}

/** Prepared once per database: the webhook looks the sender up for every event. */
const linkByLineUser = preparedOnce((orm) =>
  orm
    .select()
    .from(lineLinks)
    .where(eq(lineLinks.lineUserId, sql.placeholder('lineUserId')))
    .orderBy(lineLinks.linkedAt, lineLinks.id)
    .limit(1)
    .prepare(),
)

/** The LINE user's first link (ACC-FAMILY: db/family.ts lists them all). */
export async function findLinkByLineUser(db: Db, lineUserId: string): Promise<LinkView | null> {
  if (!isText(lineUserId, 64)) return null
  const [row] = await linkByLineUser(db).all({ lineUserId })
  return row ?? null
}

export async function findLinkByPatron(db: Db, patronId: number): Promise<LinkView | null> {
  if (!isId(patronId)) return null
  const [row] = await db.orm.select().from(lineLinks).where(eq(lineLinks.patronId, patronId))
  return row ?? null
}

/**
 * Unlink every patron of the LINE user (always allowed; LINE requires it). Returns one patron
 * that was linked, if any. One card of a family: `unlinkOne` in db/family.ts.
 */
export async function unlink(db: Db, lineUserId: string, now: number): Promise<number | null> {
  if (!isText(lineUserId, 64)) return null
  const [, rows] = await db.batch([
    lineAuditFrom(
      LINK_ACTIONS.unlink,
      now,
      sql`SELECT 'patron:' || patron_id AS subject FROM line_links WHERE line_user_id = ${lineUserId}`,
    ),
    db.orm
      .delete(lineLinks)
      .where(eq(lineLinks.lineUserId, lineUserId))
      .returning({ patronId: lineLinks.patronId }),
  ])
  return rows[0]?.patronId ?? null
}

/** follow / unfollow: an unfollowed patron is not pushed (notices mark them undeliverable). */
export async function setFollowed(
  db: Db,
  input: { lineUserId: string; followed: boolean },
  now: number,
): Promise<boolean> {
  if (!isText(input.lineUserId, 64)) return false
  // A block or unblock is recorded only when it changes the link (redeliveries count once).
  const [, rows] = await db.batch([
    lineAuditFrom(
      input.followed ? LINK_ACTIONS.unblock : LINK_ACTIONS.block,
      now,
      sql`SELECT 'patron:' || patron_id AS subject FROM line_links
        WHERE line_user_id = ${input.lineUserId} AND followed = ${input.followed ? 0 : 1}`,
    ),
    db.orm
      .update(lineLinks)
      .set({ followed: input.followed, unfollowedAt: input.followed ? null : now })
      .where(eq(lineLinks.lineUserId, input.lineUserId))
      .returning({ id: lineLinks.id }),
  ])
  return rows.length > 0
}

export async function setLanguage(db: Db, input: { patronId: number; language: 'ja' | 'en' }) {
  if (!isId(input.patronId) || !['ja', 'en'].includes(input.language)) return false
  const [rows] = await db.batch([
    db.orm
      .update(lineLinks)
      .set({ language: input.language })
      .where(eq(lineLinks.patronId, input.patronId))
      .returning({ id: lineLinks.id }),
  ])
  return rows.length > 0
}

/** Housekeeping: forget event ids and spent or expired nonces older than `before`. */
export async function pruneLinkState(db: Db, before: number): Promise<void> {
  await db.batch([
    db.orm
      .delete(webhookEvents)
      .where(lt(webhookEvents.receivedAt, before))
      .returning({ id: webhookEvents.eventId }),
    db.orm
      .delete(linkNonces)
      .where(and(lt(linkNonces.expiresAt, before)))
      .returning({ id: linkNonces.nonceHash }),
  ])
}
