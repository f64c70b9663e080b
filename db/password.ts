/**
 * Password hashing for patrons and staff: PBKDF2-HMAC-SHA256 through WebCrypto
 * (`crypto.subtle`), which Node 20 and Workers both have. Workers refuses PBKDF2 above
 * 100,000 iterations, so that is the count: deliberately slow (tens of milliseconds per
 * verify), with a 16-byte random salt per password. Stored self-describing as
 * `pbkdf2-sha256$100000$<salt base64>$<hash base64>`, so the count can rise later and old
 * hashes still verify. Comparison is constant-time over the derived bytes.
 */

export const PBKDF2_ITERATIONS = 100_000
const SALT_BYTES = 16
const HASH_BYTES = 32
const PREFIX = 'pbkdf2-sha256'

const encoder = new TextEncoder()

async function derive(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
  bytes: number,
) {
  const key = await crypto.subtle.importKey('raw', encoder.encode(password), 'PBKDF2', false, [
    'deriveBits',
  ])
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    bytes * 8,
  )
  return new Uint8Array(bits)
}

function toBase64(bytes: Uint8Array): string {
  let s = ''
  for (const b of bytes) s += String.fromCharCode(b)
  return btoa(s)
}

function fromBase64(s: string): Uint8Array<ArrayBuffer> | null {
  try {
    return Uint8Array.from(atob(s), (c) => c.charCodeAt(0))
  } catch {
    return null
  }
}

/** Hash a new password with a fresh salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES))
  const hash = await derive(password, salt, PBKDF2_ITERATIONS, HASH_BYTES)
  return `${PREFIX}$${PBKDF2_ITERATIONS}$${toBase64(salt)}$${toBase64(hash)}`
}

/** Same-length byte arrays equal, in time that does not depend on where they differ. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0)
  return diff === 0
}

const DUMMY_SALT = new Uint8Array(SALT_BYTES)

/**
 * Whether `password` matches `stored`. With `stored` null (unknown patron number) the same
 * work is done against a dummy, so timing does not tell which numbers exist (ACC-SECRET).
 */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parts = stored?.split('$') ?? []
  const [prefix, iter, saltText, hashText] = parts
  const iterations = Number(iter)
  const salt = saltText ? fromBase64(saltText) : null
  const expected = hashText ? fromBase64(hashText) : null
  const valid =
    parts.length === 4 &&
    prefix === PREFIX &&
    Number.isInteger(iterations) &&
    iterations > 0 &&
    iterations <= PBKDF2_ITERATIONS &&
    salt !== null &&
    expected !== null &&
    expected.length > 0
  if (!valid) {
    await derive(password, DUMMY_SALT, PBKDF2_ITERATIONS, HASH_BYTES)
    return false
  }
  const actual = await derive(password, salt, iterations, expected.length)
  return constantTimeEqual(actual, expected)
}

/** SHA-256 hex of a secret token (link nonces, session tokens): stored instead of the token. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(text))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** A random token of `bytes` bytes (≥16 = 128 bits), base64url without padding. */
export function randomToken(bytes = 32): string {
  const b = crypto.getRandomValues(new Uint8Array(Math.max(16, bytes)))
  return toBase64(b).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}
