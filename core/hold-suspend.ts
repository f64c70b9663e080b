/**
 * HOLD-SUSPEND (休止, assumed): a patron may suspend a waiting hold until a date at most
 * `policy.holdSuspendMaxDays` (90) days ahead, and resume it early. A suspended hold keeps its
 * place in the queue (HOLD-QUEUE) and still counts toward HOLD-LIMIT, but a copy set aside
 * passes it over. What we chose where the spec is silent:
 * - "until" is inclusive: a hold suspended until 5月10日 is passed over through 5月10日 and is
 *   active again by itself from 5月11日 (the patron reads 「5月10日まで休止」 that way). Nothing
 *   has to run for that: every reader compares the date with today.
 * - The earliest date is today (a one-day pause); a date in the past is refused.
 * - Suspending again moves the date (shorter or longer, within the limit); it is not stacked.
 * - In a set hold (HOLD-SET) only the one volume is suspended; later volumes wait for it anyway.
 */
import { addDays, formatDateEn, formatDateJa, isJstDate, type JstDate } from './dates.ts'
import { pickupPhoneLine } from './messages.ts'
import type { Policy } from './policy.ts'
import { allow, type Decision, type Hold, type Place, refuse, type Text } from './types.ts'

/** Whether the hold is suspended on `today` (inclusive of its last day). */
export function isSuspended(hold: Pick<Hold, 'state' | 'suspendedUntil'>, today: JstDate): boolean {
  return hold.state === 'waiting' && !!hold.suspendedUntil && today <= hold.suspendedUntil
}

/** The suspension still in force on `today`, or null (an old date in the row means none). */
export function suspendedUntil(
  hold: Pick<Hold, 'state' | 'suspendedUntil'>,
  today: JstDate,
): JstDate | null {
  return isSuspended(hold, today) ? (hold.suspendedUntil ?? null) : null
}

/** The latest date a hold may be suspended until, counted from `today`. */
export function lastSuspendDate(today: JstDate, policy: Policy): JstDate {
  return addDays(today, policy.holdSuspendMaxDays)
}

export type SuspendReason = 'not_yours' | 'ended' | 'ready' | 'bad_date' | 'too_far'
export type ResumeReason = 'not_yours' | 'ended' | 'not_suspended'

export interface SuspendRequest {
  hold: Hold
  patronId: number
  /** The last day of the suspension (inclusive), as the patron chose it. */
  until: unknown
  today: JstDate
  /** The hold's pickup place, named in the refusal for a hold already set aside. */
  pickup: Place | null
}

const ENDED: readonly Hold['state'][] = ['collected', 'cancelled', 'expired']

function notYours(): Text {
  return {
    ja: 'この予約が見つかりません。予約中一覧を更新してご確認ください。',
    en: 'We could not find this hold. Please refresh your list of holds.',
  }
}

function ended(): Text {
  return {
    ja: 'この予約はすでに終了しています（受け取り済み・取消し済み・期限切れのいずれか）。予約中一覧を更新してご確認ください。',
    en: 'This hold has already ended (collected, cancelled or expired). Please refresh your list of holds.',
  }
}

/** HOLD-SUSPEND: may this waiting hold be suspended through `until`? */
export function suspendHold(
  req: SuspendRequest,
  policy: Policy,
): Decision<{ holdId: number; until: JstDate }, SuspendReason> {
  const { hold, today } = req
  if (hold.patronId !== req.patronId) return refuse('not_yours', notYours())
  if (ENDED.includes(hold.state)) return refuse('ended', ended())
  if (hold.state !== 'waiting') {
    const p = pickupPhoneLine(policy, req.pickup)
    return refuse('ready', {
      ja: `この資料はすでにご用意している（確保中・回送中）ため、休止できません。受け取りが難しい場合は、${p.ja}へお電話ください。`,
      en: `A copy is already set aside for this hold (ready or on its way), so it cannot be suspended. If you cannot collect it, please phone ${p.en}.`,
    })
  }
  const last = lastSuspendDate(today, policy)
  if (!isJstDate(req.until) || req.until < today)
    return refuse('bad_date', {
      ja: '休止する期限の日付を、今日以降の日で選んでください。',
      en: 'Please choose the last day of the suspension: today or a later day.',
    })
  if (req.until > last)
    return refuse('too_far', {
      ja: `休止できるのは今日から${policy.holdSuspendMaxDays}日後（${formatDateJa(last)}）までです。それより前の日付を選んでください。`,
      en: `A hold can be suspended for at most ${policy.holdSuspendMaxDays} days, until ${formatDateEn(last)}. Please choose an earlier date.`,
    })
  return allow({ holdId: hold.id, until: req.until })
}

/** HOLD-SUSPEND: resume a suspended hold before its date; it is served again at once. */
export function resumeHold(
  hold: Hold,
  patronId: number,
  today: JstDate,
): Decision<{ holdId: number }, ResumeReason> {
  if (hold.patronId !== patronId) return refuse('not_yours', notYours())
  if (ENDED.includes(hold.state)) return refuse('ended', ended())
  if (!isSuspended(hold, today))
    return refuse('not_suspended', {
      ja: 'この予約は休止していません。予約中一覧を更新してご確認ください。',
      en: 'This hold is not suspended. Please refresh your list of holds.',
    })
  return allow({ holdId: hold.id })
}
