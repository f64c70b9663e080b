/** Instants as the contract writes them: ISO 8601 in Japan time, `2026-05-01T10:00:00+09:00`. */
import { formatClock, jstDate, jstMinuteOfDay } from '../../core/dates.ts'

/** `HH:MM` in Japan time. */
export function clockOf(t: number): string {
  return formatClock(jstMinuteOfDay(t))
}

export function isoJst(t: number): string {
  const seconds = String(Math.floor((t % 60_000) / 1000 + 60) % 60).padStart(2, '0')
  return `${jstDate(t)}T${formatClock(jstMinuteOfDay(t))}:${seconds}+09:00`
}
