/**
 * Push keys. A push carries `X-Line-Retry-Key`; LINE answers a repeat of an accepted key with
 * 409 for 24 hours. A patron's due notices go out in one push, so the key belongs to the group:
 * it is written onto every row of the group when the group is claimed, before anything is
 * sent, and a crashed or retried send reuses it from the rows. The key is a UUIDv7, whose first
 * 48 bits are the claim time: a group left unfinished longer than LINE remembers keys can be
 * recognised from its key alone.
 */

/** A UUIDv7 for `now` (ms since the epoch): time-ordered, random in the rest. */
export function groupKey(now: number): string {
  const bytes = new Uint8Array(16)
  crypto.getRandomValues(bytes)
  let t = Math.max(0, Math.floor(now))
  for (let i = 5; i >= 0; i--) {
    bytes[i] = t % 256
    t = Math.floor(t / 256)
  }
  bytes[6] = 0x70 | (bytes[6]! & 0x0f)
  bytes[8] = 0x80 | (bytes[8]! & 0x3f)
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** When a group key was made, or null if it is not a UUIDv7. */
export function groupKeyTime(key: string): number | null {
  const hex = key.replace(/-/g, '')
  if (!/^[0-9a-f]{32}$/i.test(hex) || hex[12] !== '7') return null
  return Number.parseInt(hex.slice(0, 12), 16)
}

/** LINE keeps an accepted retry key for 24 hours; re-sending later than this is not safe. */
export const RETRY_KEY_SAFE_MS = 23 * 60 * 60 * 1000
