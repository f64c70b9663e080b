/**
 * The notice slots as instants (NOTICE-SLOTS): every slot of the standard and locker lists
 * together, in Japan time whatever the host's zone. The scheduler wakes at each of them; a
 * 19:00 slot only finds locker notices due, because every notice's due time is already one
 * of its own list's slots.
 */
import {
  addDays,
  clockMinutes,
  type Instant,
  jstDate,
  jstInstant,
  MINUTE_MS,
  nextNoticeSlot,
  type Policy,
} from '../../core/index.ts'

/** The first slot of either list at or after `t`. */
export function nextSlot(t: Instant, policy: Policy): Instant {
  return Math.min(nextNoticeSlot(t, 'standard', policy), nextNoticeSlot(t, 'locker', policy))
}

/** The latest slot of either list at or before `t`. */
export function latestSlot(t: Instant, policy: Policy): Instant {
  const minutes = [...policy.noticeSlots.standard, ...policy.noticeSlots.locker].map(clockMinutes)
  const today = jstDate(t)
  let best = Number.NEGATIVE_INFINITY
  for (const date of [today, addDays(today, -1)]) {
    const dayStart = jstInstant(date)
    for (const m of minutes) {
      const at = dayStart + m * MINUTE_MS
      if (at <= t && at > best) best = at
    }
  }
  return best
}

/** Which UTC hours the slots fall on, for Workers cron triggers (Japan is UTC+9, no DST). */
export function slotCrons(policy: Policy): { cron: string; jst: string }[] {
  const times = [...new Set([...policy.noticeSlots.standard, ...policy.noticeSlots.locker])].sort()
  return times.map((jst) => {
    const m = clockMinutes(jst)
    const utc = (m - 9 * 60 + 24 * 60) % (24 * 60)
    return { cron: `${utc % 60} ${Math.floor(utc / 60)} * * *`, jst }
  })
}
