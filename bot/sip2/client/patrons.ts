/**
 * Patrons in front mode: signing in is 63 with the password (AD) — BL says the number is
 * known, CQ that the password is right, the status flags why the patron may not use the
 * service — with bunko's own ACC-SECRET lockout in front of it. A known patron gets a shadow
 * row (local.ts), whose id the port hands out.
 */
import {
  type Answer,
  accessMessage,
  allow,
  jstDate,
  normalizePatronNumber,
  type PatronStanding,
  type PatronSummary,
  refuse,
  type SignInReason,
  wrongCredentials,
} from '../../../core/index.ts'
import { patronFacts } from '../../../db/facts.ts'
import { beginAttempt, UNKNOWN_GUESSER } from '../../../db/lockout.ts'
import { inputRefusal, isText } from '../../../db/refusals.ts'
import type { Front } from './front.ts'
import { FLAG, type PatronInfo } from './ils.ts'
import { patronNumber, shadowPatron } from './local.ts'
import { ilsRefusal } from './refusals.ts'

const flag = (info: PatronInfo, at: number) => info.flags[at] === 'Y'

async function summaryOf(f: Front, number: string, info: PatronInfo, now: number) {
  const id = await shadowPatron(f.db, number, info.name, now)
  const found = await patronFacts(f.db, { id })
  if (!found) return null
  const expiresOn = info.expires === null ? null : jstDate(info.expires)
  const summary: PatronSummary = {
    id,
    number,
    name: info.name || found.row.name,
    category: found.row.category,
    emailConfirmed: found.row.emailConfirmed,
    historyOptIn: found.row.historyOptIn,
    // The ILS checked the password: the patron has one, whatever the shadow row holds.
    facts: { ...found.patron, hasPassword: true, expiresOn },
  }
  return summary
}

export async function authenticate(
  f: Front,
  input: { number: string; password: string; client?: { address: string } },
  now: number,
): Promise<Answer<PatronSummary, SignInReason | 'library_refused'>> {
  if (!isText(input.number, 64) || !isText(input.password, 1024))
    return inputRefusal('invalid_input')
  const number = normalizePatronNumber(input.number)
  const guesser = input.client ? { address: input.client.address } : UNKNOWN_GUESSER
  const attempt = await beginAttempt(f.db, `patron:${number}`, now, f.policy, guesser)
  if (!attempt.ok) return attempt
  let info: PatronInfo
  try {
    info = await f.ils.patron(number, now, { password: input.password })
  } catch (err) {
    // The ILS did not answer: the password was not checked, so the guess does not count.
    await attempt.value.withdraw()
    throw err
  }
  const ok = info.valid && info.passwordOk === true
  await attempt.value.settle(ok)
  if (!ok) return wrongCredentials(f.policy, attempt.value.triesLeft)
  if (info.expires !== null && info.expires < now)
    return refuse('expired', accessMessage('expired', f.policy))
  if (flag(info, FLAG.tooManyOverdue)) return refuse('blocked', accessMessage('blocked', f.policy))
  if (flag(info, FLAG.cardLost)) return ilsRefusal('blocked', info.screen, f.policy)
  const summary = await summaryOf(f, number, info, now)
  return summary ? allow(summary) : inputRefusal('invalid_input')
}

export async function patron(
  f: Front,
  patronId: number,
  now: number,
): Promise<Answer<PatronSummary | null>> {
  const number = await patronNumber(f.db, patronId)
  if (!number) return allow(null)
  const info = await f.ils.patron(number, now)
  return allow(info.valid ? await summaryOf(f, number, info, now) : null)
}

/** ACC-BLOCK-OVERDUE as the ILS flags it: too many overdue, or renewing and holds both denied. */
export function isBlockedIn(info: PatronInfo): boolean {
  return (
    flag(info, FLAG.tooManyOverdue) ||
    (flag(info, FLAG.renewalDenied) && flag(info, FLAG.holdDenied))
  )
}

export async function standing(
  f: Front,
  number: string,
  now: number,
  avHolds: () => Promise<number>,
): Promise<PatronStanding> {
  const info = await f.ils.patron(number, now)
  return {
    blocked: isBlockedIn(info),
    holds: { total: info.counts.hold + info.counts.unavailable, av: await avHolds() },
  }
}
