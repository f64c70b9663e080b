/**
 * When a push that failed for a passing reason (5xx, 429, a lost connection — after the
 * run's own retries) is tried again (NOTICE-ONCE: a failure never loses a notice). It goes
 * again at the next slot of its list, under the same group key, up to `MAX_SLOTS` slots in
 * all — and only while LINE still remembers the key: a 5xx may hide an accepted push, and
 * only the same X-Line-Retry-Key keeps the patron from getting it twice. With Hirakata's
 * slots that is the slot and the next one (a day later the key is gone); lockers get
 * 10:00, 16:00 and 19:00. Past that the notice is failed with the reason and the patron's
 * holds page shows it.
 */
import { type Instant, nextNoticeSlot, type Policy, type SlotList } from '../../core/index.ts'
import { groupKeyTime, RETRY_KEY_SAFE_MS } from './keys.ts'

/** Slots a notice is pushed at, at most, the first included. */
export const MAX_SLOTS = 3

/**
 * The slot group `key` (first claimed at its key's time) is pushed again at after failing at
 * `now`, or null when it has had its slots.
 */
export function retrySlot(
  key: string,
  now: Instant,
  list: SlotList,
  policy: Policy,
): Instant | null {
  const made = groupKeyTime(key)
  if (made === null) return null
  const next = nextNoticeSlot(now + 1, list, policy)
  if (next - made > RETRY_KEY_SAFE_MS) return null
  let slots = 1
  for (
    let s = nextNoticeSlot(made + 1, list, policy);
    s <= now;
    s = nextNoticeSlot(s + 1, list, policy)
  )
    slots += 1
  return slots < MAX_SLOTS ? next : null
}
