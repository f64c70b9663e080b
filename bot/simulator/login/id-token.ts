/**
 * LINE Login ID tokens for simulated users: ES256 JWTs (as LIFF apps receive) signed with a
 * key pair the simulator makes at start, and verified the way LINE's `/oauth2/v2.1/verify`
 * does, with its `error_description` wording.
 */
import { hex } from '../ids.ts'
import type { SimulatorState } from '../state.ts'
import { fromBase64Url, toBase64Url } from '../webhook/sign.ts'

export const ISSUER = 'https://access.line.me'

export interface IdTokenClaims {
  iss: string
  sub: string
  aud: string
  exp: number
  iat: number
  nonce?: string
  amr: string[]
  name: string
  picture?: string
}

export type VerifyResult =
  | { ok: true; claims: IdTokenClaims }
  | { ok: false; error: 'invalid_request'; error_description: string }

const ALG = { name: 'ECDSA', namedCurve: 'P-256' } as const
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const

export interface IdTokenIssuer {
  issue(userId: string, opts?: { nonce?: string; ttlMs?: number; aud?: string }): Promise<string>
  verify(
    token: string,
    clientId: string,
    opts?: { nonce?: string; userId?: string },
  ): Promise<VerifyResult>
  jwks(): Promise<{ keys: JsonWebKey[] }>
}

export function createIdTokenIssuer(state: SimulatorState): IdTokenIssuer {
  const kid = hex(32)
  let keys: Promise<CryptoKeyPair> | undefined
  const keyPair = () => {
    keys ??= crypto.subtle.generateKey(ALG, true, ['sign', 'verify']) as Promise<CryptoKeyPair>
    return keys
  }
  const enc = new TextEncoder()
  const part = (v: unknown) => toBase64Url(enc.encode(JSON.stringify(v)))
  const fail = (error_description: string): VerifyResult => ({
    ok: false,
    error: 'invalid_request',
    error_description,
  })

  return {
    async issue(userId, opts = {}) {
      const user = state.users.get(userId)
      if (!user) throw new Error(`Unknown simulated user ${userId}`)
      const iat = Math.floor(state.clock() / 1000)
      const claims: IdTokenClaims = {
        iss: ISSUER,
        sub: userId,
        aud: opts.aud ?? state.loginChannelId,
        exp: iat + Math.floor((opts.ttlMs ?? state.limits.idTokenTtlMs) / 1000),
        iat,
        ...(opts.nonce ? { nonce: opts.nonce } : {}),
        amr: ['linesso'],
        name: user.displayName,
        ...(user.pictureUrl ? { picture: user.pictureUrl } : {}),
      }
      const input = `${part({ typ: 'JWT', alg: 'ES256', kid })}.${part(claims)}`
      const sig = await crypto.subtle.sign(SIGN, (await keyPair()).privateKey, enc.encode(input))
      return `${input}.${toBase64Url(new Uint8Array(sig))}`
    },

    async verify(token, clientId, opts = {}) {
      const parts = token.split('.')
      if (parts.length !== 3) return fail('Invalid IdToken.')
      const [head, body, sig] = parts as [string, string, string]
      let header: { alg?: string; kid?: string }
      let claims: IdTokenClaims
      let valid: boolean
      const { publicKey } = await keyPair()
      try {
        header = JSON.parse(new TextDecoder().decode(fromBase64Url(head)))
        claims = JSON.parse(new TextDecoder().decode(fromBase64Url(body)))
        valid =
          header.alg === 'ES256' &&
          header.kid === kid &&
          (await crypto.subtle.verify(
            SIGN,
            publicKey,
            fromBase64Url(sig),
            enc.encode(`${head}.${body}`),
          ))
      } catch {
        return fail('Invalid IdToken.')
      }
      if (!valid) return fail('Invalid IdToken.')
      if (claims.iss !== ISSUER) return fail('Invalid IdToken Issuer.')
      if (claims.exp * 1000 <= state.clock()) return fail('IdToken expired.')
      if (claims.aud !== clientId) return fail('Invalid IdToken Audience.')
      if (opts.nonce !== undefined && claims.nonce !== opts.nonce)
        return fail('Invalid IdToken Nonce.')
      if (opts.userId !== undefined && claims.sub !== opts.userId)
        return fail('Invalid IdToken Subject Identifier.')
      return { ok: true, claims }
    },

    async jwks() {
      const jwk = await crypto.subtle.exportKey('jwk', (await keyPair()).publicKey)
      return { keys: [{ ...jwk, kid, alg: 'ES256', use: 'sig' } as JsonWebKey] }
    },
  }
}
