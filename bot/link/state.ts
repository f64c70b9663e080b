/**
 * Which LINE user a link page is for. When the bot issues a link token for a user it signs
 * (HMAC-SHA256, a key derived from the channel secret) the user id, the language and the
 * time into the link page's URL. The page can then ask before replacing an existing link
 * (one LINE account ↔ one patron) without storing anything, on Node and Workers alike.
 * LINE's own dialog still checks that the link token belongs to the user who opens it.
 */
import type { Lang } from '../pages/layout.tsx'

export interface LinkState {
  lineUserId: string
  lang: Lang
  issuedAt: number
}

const encoder = new TextEncoder()
const keys = new Map<string, Promise<CryptoKey>>()

function key(secret: string): Promise<CryptoKey> {
  let k = keys.get(secret)
  if (!k) {
    k = crypto.subtle.importKey(
      'raw',
      encoder.encode(`bunko-link-state:${secret}`),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    )
    keys.set(secret, k)
  }
  return k
}

function b64url(bytes: Uint8Array): string {
  let bin = ''
  for (const b of bytes) bin += String.fromCharCode(b)
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** A 32-byte MAC in unpadded base64url is exactly 43 characters; anything else is not ours. */
function fromB64url(s: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]{43}$/.test(s)) return null
  const bin = atob(`${s.replace(/-/g, '+').replace(/_/g, '/')}=`)
  return Uint8Array.from(bin, (c) => c.charCodeAt(0))
}

const payloadOf = (linkToken: string, s: LinkState) =>
  `${linkToken}.${s.lineUserId}.${s.lang}.${s.issuedAt}`

/** The `state` query value for a link page URL. */
export async function signLinkState(secret: string, linkToken: string, s: LinkState) {
  const mac = await crypto.subtle.sign(
    'HMAC',
    await key(secret),
    encoder.encode(payloadOf(linkToken, s)),
  )
  return `${s.lineUserId}.${s.lang}.${s.issuedAt}.${b64url(new Uint8Array(mac))}`
}

/** The state, if it is ours, for this link token, and younger than `maxAgeMs`. */
export async function readLinkState(
  secret: string,
  linkToken: string,
  state: string,
  now: number,
  maxAgeMs: number,
): Promise<LinkState | null> {
  const [lineUserId, lang, issued, mac] = state.split('.')
  if (!lineUserId || !/^U[0-9a-f]{32}$/.test(lineUserId)) return null
  if (lang !== 'ja' && lang !== 'en') return null
  const issuedAt = Number(issued)
  if (!Number.isSafeInteger(issuedAt) || now - issuedAt > maxAgeMs || issuedAt > now + 60_000)
    return null
  const sig = mac ? fromB64url(mac) : null
  if (sig?.length !== 32) return null
  const s = { lineUserId, lang, issuedAt } as LinkState
  const ok = await crypto.subtle.verify(
    'HMAC',
    await key(secret),
    sig,
    encoder.encode(payloadOf(linkToken, s)),
  )
  return ok ? s : null
}
