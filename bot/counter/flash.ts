/**
 * Post/Redirect/Get at the counter. A POST that did something (lent, took back, renewed,
 * received, handed over or expired a hold, searched patrons on the record, decided a purchase
 * request) leaves what happened in the staff member's session row and answers 303 to the page
 * that shows it. That GET takes the outcome once and clears it, so a reload or Back re-reads the page, acts on
 * nothing, and the browser never asks to send the form again.
 *
 * Why the session row: every counter request already reads it (session.ts), so leaving an
 * outcome is one UPDATE and taking it one more; there is no second cookie to sign, and it
 * works the same on Node and D1. The outcome is kept as the result screen needs it (titles,
 * a holder's number), server-side only: the URL carries just `done=<random id>`, naming this
 * one redirect, so nothing about a patron is in a URL, a history entry or a log line.
 *
 * Taking is one guarded UPDATE (`WHERE flash = <what was read>`), so two GETs racing show it
 * at most once. One outcome waits per session: a scan in another tab of the same browser in
 * the same instant replaces it, and this tab then shows its page (whose lists say what
 * happened) without the message. An outcome not taken within FLASH_MS is dropped at the next
 * page view, and in any case goes with its session.
 */
import { and, eq } from 'drizzle-orm'
import type { Context } from 'hono'
import { randomToken } from '../../db/password.ts'
import { type PurchaseDecision, staffSessions } from '../../db/schema.ts'
import type { Counter, CounterEnv } from './context.ts'
import type { ExpireOneOutcome, ExpireOutcome } from './expire.ts'
import type { ReturnOutcome } from './give-back.ts'
import type { Outcome } from './lend.ts'
import type { HoldOutcome } from './place-hold.ts'
import type { RenewOutcome } from './renew.ts'

/** What a POST did, for the page it redirects to. Matches are ids: the page re-reads them. */
export type Flash =
  | { kind: 'lend'; outcome: Outcome }
  | { kind: 'return'; outcome: ReturnOutcome }
  | { kind: 'renew'; outcome: RenewOutcome }
  | { kind: 'expire'; outcome: ExpireOneOutcome; nextPlace: string | null }
  | { kind: 'expire-all'; done: ExpireOutcome[] }
  | { kind: 'matches'; patronIds: number[]; more: boolean; by: 'name' | 'phone' }
  | { kind: 'decision'; decision: PurchaseDecision | null }
  | { kind: 'hold'; outcome: HoldOutcome }

/** The query parameter naming the redirect whose outcome the page may take. */
export const DONE_PARAM = 'done'
/** A redirect is followed at once; an outcome older than this is stale, never shown. */
export const FLASH_MS = 2 * 60 * 1000

/** What flash.ts needs of the counter: the database and the wall clock (sessions' time). */
type Store = Pick<Counter, 'db' | 'wallNow'>

interface Stored {
  id: string
  at: number
  path: string
  flash: Flash
}

/**
 * Leave `flash` in the session and answer 303 to `to` (a counter path, maybe with a query and
 * a `#fragment` naming where on the page the outcome is shown).
 */
export async function redirectWith(
  c: Context<CounterEnv>,
  k: Store,
  to: string,
  flash: Flash,
): Promise<Response> {
  const url = new URL(to, 'http://counter.invalid')
  const stored: Stored = { id: randomToken(16), at: k.wallNow(), path: url.pathname, flash }
  const session = c.get('session')
  await k.db.batch([
    k.db.orm
      .update(staffSessions)
      .set({ flash: JSON.stringify(stored) })
      .where(eq(staffSessions.id, session.id))
      .returning({ id: staffSessions.id }),
  ])
  url.searchParams.set(DONE_PARAM, stored.id)
  return c.redirect(`${url.pathname}${url.search}${url.hash}`, 303)
}

/** The outcome this GET was redirected to show, taken (cleared) so it is shown once; or null. */
export async function takeFlash(c: Context<CounterEnv>, k: Store): Promise<Flash | null> {
  const session = c.get('session')
  if (c.req.method !== 'GET' || !session.flash) return null
  const stored = parse(session.flash)
  const stale = !stored || k.wallNow() - stored.at > FLASH_MS
  const mine = stored?.id === c.req.query(DONE_PARAM) && stored?.path === c.req.path
  if (!stale && !mine) return null // another tab's redirect, not yet followed: leave it
  const [taken] = await k.db.batch([
    k.db.orm
      .update(staffSessions)
      .set({ flash: null })
      .where(and(eq(staffSessions.id, session.id), eq(staffSessions.flash, session.flash)))
      .returning({ id: staffSessions.id }),
  ])
  return !stale && mine && taken.length > 0 && stored ? stored.flash : null
}

function parse(text: string): Stored | null {
  try {
    const v = JSON.parse(text) as Partial<Stored> | null
    return typeof v?.id === 'string' &&
      typeof v.at === 'number' &&
      typeof v.path === 'string' &&
      typeof v.flash?.kind === 'string'
      ? (v as Stored)
      : null
  } catch {
    return null
  }
}
