/**
 * Which library system bunko fronts: LIBRARY_SYSTEM=embedded (bunko's own database, the
 * default) or sip2 (the library's ILS over SIP2, with the SIP2_* variables below). Bad values
 * stop bunko at start with the variable named (README: "Connecting to your library system").
 */
import type { Env } from '../../config.ts'
import { type Charset, charsetNamed } from '../charset.ts'
import type { ChecksumMode } from './connection.ts'

/** Thrown for a bad setting; bot/config.ts turns it into its ConfigError. */
export class FrontConfigError extends Error {
  override name = 'ConfigError'
}

export interface Sip2FrontConfig {
  host: string
  port: number
  user: string
  password: string
  institution: string
  location: string
  charset: Charset
  tls: boolean
  checksum: ChecksumMode
  maxRps: number
  timeoutMs: number
  maxConnections: number
  /** Holds on a title (any copy) rather than on one item (SIP2_HOLD_LEVEL=title|item). */
  titleHolds: boolean
  opacUrl: string | null
  /**
   * ILS_EMAIL_NOTICES=1: the ILS e-mails its own notices to a confirmed address (capabilities'
   * `emailNotices`). Off unless the library says so: counting an e-mail that nobody sends as
   * a way to reach a patron would let them turn off the only notice that comes.
   */
  emailNotices: boolean
}

export type LibrarySystemConfig = { kind: 'embedded' } | { kind: 'sip2'; sip2: Sip2FrontConfig }

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min || n > max)
    throw new FrontConfigError(`${name} must be a whole number from ${min} to ${max}.`)
  return n
}

function required(env: Env, name: string): string {
  const v = env[name]
  if (!v) throw new FrontConfigError(`LIBRARY_SYSTEM=sip2 needs ${name}.`)
  return v
}

function oneOf<T extends string>(env: Env, name: string, values: readonly T[], fallback: T): T {
  const raw = (env[name] ?? '').toLowerCase()
  if (raw === '') return fallback
  if ((values as readonly string[]).includes(raw)) return raw as T
  throw new FrontConfigError(`${name} must be ${values.join(' or ')}.`)
}

/** A yes/no setting: 1 or true, 0 or false; off when unset. */
const flag = (env: Env, name: string) =>
  /^(1|true)$/.test(oneOf(env, name, ['0', '1', 'true', 'false'] as const, '0'))

export function readLibrarySystemConfig(env: Env): LibrarySystemConfig {
  const kind = oneOf(env, 'LIBRARY_SYSTEM', ['embedded', 'sip2'] as const, 'embedded')
  if (kind === 'embedded') return { kind }
  const charset = charsetNamed(env.SIP2_ENCODING || 'utf-8')
  if (!charset) throw new FrontConfigError('SIP2_ENCODING must be utf-8, shift_jis or latin1.')
  const opac = env.OPAC_URL ?? ''
  if (opac && !/^https?:\/\/[^\s]+$/.test(opac))
    throw new FrontConfigError('OPAC_URL must be an http(s) address.')
  return {
    kind,
    sip2: {
      host: required(env, 'SIP2_HOST'),
      port: integer(env, 'SIP2_PORT', 6001, 1, 65535),
      user: required(env, 'SIP2_USER'),
      password: required(env, 'SIP2_PASSWORD'),
      institution: required(env, 'SIP2_INSTITUTION'),
      location: env.SIP2_LOCATION ?? '',
      charset,
      tls: flag(env, 'SIP2_TLS'),
      checksum: oneOf(env, 'SIP2_CHECKSUM', ['strict', 'lenient'] as const, 'strict'),
      maxRps: integer(env, 'SIP2_MAX_RPS', 20, 1, 10_000),
      timeoutMs: integer(env, 'SIP2_TIMEOUT_MS', 5000, 100, 120_000),
      maxConnections: integer(env, 'SIP2_POOL_SIZE', 4, 1, 64),
      titleHolds: oneOf(env, 'SIP2_HOLD_LEVEL', ['title', 'item'] as const, 'title') === 'title',
      opacUrl: opac || null,
      emailNotices: flag(env, 'ILS_EMAIL_NOTICES'),
    },
  }
}
