/**
 * Identifiers in the formats LINE uses, from WebCrypto randomness (works in Node and Workers).
 */

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/**
 * Random bytes handed out from a pool refilled 4 KiB at a time: one getRandomValues call per
 * id cost more than the rest of a push in the notice benchmark, where the simulator stands in
 * for LINE at 2,000 pushes a second. Filled lazily (Workers allow no randomness at start-up).
 */
const pool = new Uint8Array(4096)
let used = pool.length

function randomBytes(n: number): Uint8Array {
  if (n > pool.length) return crypto.getRandomValues(new Uint8Array(n))
  if (used + n > pool.length) {
    crypto.getRandomValues(pool)
    used = 0
  }
  used += n
  return pool.slice(used - n, used)
}

export function hex(bytes: number): string {
  return Array.from(randomBytes(bytes), (b) => b.toString(16).padStart(2, '0')).join('')
}

function fromAlphabet(alphabet: string, length: number): string {
  // 256 is a multiple of 32 and 62 < 64: rejection keeps the 62-letter alphabet unbiased.
  let out = ''
  while (out.length < length) {
    for (const b of randomBytes(length)) {
      const v = alphabet.length === 32 ? b % 32 : b % 64
      if (v < alphabet.length && out.length < length) out += alphabet[v]
    }
  }
  return out
}

/** A LINE user ID: `U` and 32 lowercase hex digits. */
export function userId(): string {
  return `U${hex(16)}`
}

export const USER_ID_RE = /^U[0-9a-f]{32}$/

/** A ULID (time-ordered, 26 Crockford base32 letters), as LINE's webhookEventId. */
export function ulid(now: number): string {
  let time = ''
  let t = now
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time
    t = Math.floor(t / 32)
  }
  return time + fromAlphabet(CROCKFORD, 16)
}

/** A reply token: 32 hex digits, like LINE's. */
export function replyToken(): string {
  return hex(16)
}

/** A message ID: a decimal string of 18 digits. */
export function messageId(): string {
  const digits = Array.from(randomBytes(18), (b) => String(b % 10))
  digits[0] = String((Number(digits[0]) % 9) + 1)
  return digits.join('')
}

/** A quote token: opaque base64url-ish text. */
export function quoteToken(): string {
  return fromAlphabet(`${ALNUM}-_`.slice(0, 62), 86)
}

/** A link token: 32 letters and digits. */
export function linkToken(): string {
  return fromAlphabet(ALNUM, 32)
}

/** A rich menu ID: `richmenu-` and 32 hex digits. */
export function richMenuId(): string {
  return `richmenu-${hex(16)}`
}

/** A request ID as LINE returns in `x-line-request-id`. */
export function requestId(): string {
  return crypto.randomUUID()
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
