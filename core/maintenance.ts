/**
 * SVC-MAINT: the daily maintenance window (Hirakata: from 03:00 for about an hour). During it
 * every patron-facing answer says so and when the service is back, and nothing that needs the
 * library system is done (the chat's exceptions: bot/events/open-in-maintenance.ts).
 */
import { addDays, type Instant, jstDate, jstInstant, MINUTE_MS } from './dates.ts'
import { instantText } from './messages.ts'
import type { Policy } from './policy.ts'
import { allow, type Decision, refuse, type Text } from './types.ts'

export interface MaintenanceState {
  down: boolean
  /** When the service is back (null when it is up). */
  backAt: Instant | null
}

/** Whether `t` falls in the window (start inclusive, end exclusive); windows may cross midnight. */
export function maintenanceState(t: Instant, policy: Policy): MaintenanceState {
  const { start, minutes } = policy.maintenance
  if (minutes <= 0) return { down: false, backAt: null }
  const today = jstDate(t)
  for (const date of [today, addDays(today, -1)]) {
    const from = jstInstant(date, start)
    const to = from + minutes * MINUTE_MS
    if (t >= from && t < to) return { down: true, backAt: to }
  }
  return { down: false, backAt: null }
}

/** The sentence that tells a patron the service is down and when it is back. */
export function maintenanceMessage(backAt: Instant, policy: Policy): Text {
  const back = instantText(backAt)
  const down = windowSentence(policy)
  return {
    ja: `${down.ja}${back.ja}ごろに再開しますので、その後にもう一度お試しください。`,
    en: `${down.en} It will be back at about ${back.en} (Japan time); please try again then.`,
  }
}

/** The window, as every maintenance sentence opens. */
function windowSentence(policy: Policy): Text {
  const { start, minutes } = policy.maintenance
  return {
    ja: `ただいまシステムのメンテナンス中です（毎日${start}から約${minutes}分）。`,
    en: `The service is down for its daily maintenance (from ${start}, about ${minutes} minutes).`,
  }
}

/**
 * For an answer given in the window anyway (the follow's welcome, which needs nothing from
 * the library system): the window, and from when `what` (a noun phrase, e.g. アカウント連携)
 * can be used.
 */
export function usableFrom(backAt: Instant, policy: Policy, what: Text): Text {
  const back = instantText(backAt)
  const down = windowSentence(policy)
  return {
    ja: `${down.ja}${what.ja}は、${back.ja}ごろからご利用いただけます。`,
    en: `${down.en} ${what.en} will be available from about ${back.en} (Japan time).`,
  }
}

/** SVC-MAINT as a Decision: refuse every patron-facing action during the window. */
export function checkService(t: Instant, policy: Policy): Decision<null, 'maintenance'> {
  const state = maintenanceState(t, policy)
  if (!state.down || state.backAt === null) return allow(null)
  return refuse('maintenance', maintenanceMessage(state.backAt, policy))
}
