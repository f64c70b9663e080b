/**
 * The SIP2 server's settings, from environment variables (README: "Self-check machines
 * (SIP2)"). Off unless SIP2_LISTEN_PORT is set, except in demo mode, where it listens on
 * 6001 so the demo kiosk account can be tried; SIP2_LISTEN_PORT=0 turns it off either way.
 */
import { ConfigError, type Env } from '../../config.ts'
import { type Charset, charsetNamed } from '../index.ts'

export const DEMO_SIP2_PORT = 6001

export interface Sip2Config {
  port: number
  host: string
  charset: Charset
  idleSeconds: number
  maxConnections: number
  /** Paths of the PEM certificate and key; both or neither. */
  tls: { certPath: string; keyPath: string } | null
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}.`)
  return n
}

/** The SIP2 settings, or null when the server is off. */
export function readSip2Config(env: Env, opts: { demo: boolean; host: string }): Sip2Config | null {
  const port = integer(env, 'SIP2_LISTEN_PORT', opts.demo ? DEMO_SIP2_PORT : 0, 0, 65535)
  if (port === 0) return null
  const charset = charsetNamed(env.SIP2_CHARSET || 'utf-8')
  if (!charset) throw new ConfigError('SIP2_CHARSET must be utf-8, shift_jis or latin1.')
  const cert = env.SIP2_TLS_CERT ?? ''
  const key = env.SIP2_TLS_KEY ?? ''
  if (Boolean(cert) !== Boolean(key))
    throw new ConfigError('Set both SIP2_TLS_CERT and SIP2_TLS_KEY, or neither (plain TCP).')
  return {
    port,
    host: env.SIP2_LISTEN_HOST || opts.host,
    charset,
    idleSeconds: integer(env, 'SIP2_IDLE_SECONDS', 300, 5, 86_400),
    maxConnections: integer(env, 'SIP2_MAX_CONNECTIONS', 200, 1, 10_000),
    tls: cert ? { certPath: cert, keyPath: key } : null,
  }
}
