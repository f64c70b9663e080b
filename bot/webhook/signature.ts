/**
 * LINE webhook signatures: base64 HMAC-SHA256 of the raw request body with the channel
 * secret. Checked with WebCrypto's `verify`, which compares in constant time, so the check
 * runs the same on Node and Workers and leaks nothing through timing.
 */
const encoder = new TextEncoder()
const keys = new Map<string, Promise<CryptoKey>>()

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret)
  if (!key) {
    key = crypto.subtle.importKey(
      'raw',
      encoder.encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    )
    keys.set(secret, key)
  }
  return key
}

/** The signature's bytes, or null unless it is strict base64. */
export function decodeBase64(s: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(s) || s.length % 4 !== 0) return null
  const bin = atob(s)
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

/** How the webhook checks a signature: this file's WebCrypto check, or Node's (node-signature.ts). */
export type SignatureCheck = (
  secret: string,
  body: Uint8Array<ArrayBuffer>,
  signature: string | null | undefined,
) => Promise<boolean> | boolean

/** Whether `signature` (the x-line-signature header) matches `body` under `secret`. */
export async function verifySignature(
  secret: string,
  body: Uint8Array<ArrayBuffer>,
  signature: string | null | undefined,
): Promise<boolean> {
  if (!signature) return false
  const mac = decodeBase64(signature.trim())
  if (mac?.length !== 32) return false
  return crypto.subtle.verify('HMAC', await hmacKey(secret), mac, body)
}

/** The x-line-signature value for `body` (used by tests and the simulator's own checks). */
export async function sign(
  secret: string,
  body: Uint8Array<ArrayBuffer> | string,
): Promise<string> {
  const bytes = typeof body === 'string' ? encoder.encode(body) : body
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(secret), bytes))
  let bin = ''
  for (const b of mac) bin += String.fromCharCode(b)
  return btoa(bin)
}
