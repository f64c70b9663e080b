/**
 * Configuration read from environment variables (process.env on Node, bindings on Workers).
 * One place knows every variable, its default and what it does; README.md's table mirrors it.
 */
import { HIRAKATA_POLICY, type Policy } from '../core/policy.ts'
import { parsePolicy } from '../core/policy-parse.ts'
import {
  FrontConfigError,
  type LibrarySystemConfig,
  readLibrarySystemConfig,
} from './sip2/client/config.ts'

export interface Config {
  /** Where patrons' browsers and LINE reach the bot, without a trailing slash. */
  publicUrl: string
  /** BUNKO_DEMO=1: the bundled LINE simulator stands in for LINE (no LINE credentials). */
  demo: boolean
  line: {
    channelSecret: string
    channelAccessToken: string
    apiBaseUrl: string
    dataApiBaseUrl: string
    accessBaseUrl: string
    loginApiBaseUrl: string
    loginChannelId: string
    liffId: string
  }
  policy: Policy
  /**
   * Node behind a reverse proxy (TRUST_PROXY=1): the client address is the last entry of
   * X-Forwarded-For, the one the proxy added; otherwise the socket's.
   */
  trustProxy: boolean
  /** Largest webhook body accepted, in bytes. */
  webhookBodyLimit: number
  /**
   * OPAC_URL: the library's own online catalogue, where the LIFF app sends patrons for what
   * the library system does not offer through bunko (capabilities); null if none.
   */
  opacUrl: string | null
  /** LIBRARY_SYSTEM: bunko's own database (embedded) or the library's ILS over SIP2. */
  librarySystem: LibrarySystemConfig
}

/** The simulator's own channel credentials, used only in demo mode. Not secrets. */
export const DEMO_CHANNEL = {
  secret: 'bunko-demo-channel-secret',
  accessToken: 'bunko-demo-channel-access-token',
  loginChannelId: '1650000000',
  liffId: '1650000000-bunkoDemo',
} as const

export type Env = Record<string, string | undefined>

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/**
 * Build the configuration. Demo mode (the bundled LINE simulator instead of LINE, the demo
 * clock, the demo library) is chosen only by `BUNKO_DEMO=1`, never by secrets being absent:
 * a deploy that forgot `wrangler secret put` must not go live as a demo. Without it, both LINE
 * secrets are required and a missing one is named. With it, the secrets must not be set.
 */
export function readConfig(env: Env, defaults: { publicUrl: string }): Config {
  const publicUrl = (env.PUBLIC_URL || defaults.publicUrl).replace(/\/+$/, '')
  const secret = env.LINE_CHANNEL_SECRET ?? ''
  const token = env.LINE_CHANNEL_ACCESS_TOKEN ?? ''
  const demo = readDemoFlag(env.BUNKO_DEMO)
  if (demo && (secret || token))
    throw new ConfigError(
      'BUNKO_DEMO=1 runs bunko against its LINE simulator: unset LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN, or unset BUNKO_DEMO to use LINE.',
    )
  if (!demo) {
    const missing = [
      secret ? null : 'LINE_CHANNEL_SECRET',
      token ? null : 'LINE_CHANNEL_ACCESS_TOKEN',
    ].filter(Boolean)
    if (missing.length > 0)
      throw new ConfigError(
        `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set, and PUBLIC_URL ${publicUrl} ${isLoopback(publicUrl) ? 'is this machine' : 'is a public address'}. Set ${missing.length > 1 ? 'them' : 'it'} (on Workers: npx wrangler secret put ${missing[0]}), or set BUNKO_DEMO=1 to try bunko with its LINE simulator.`,
      )
  }
  const lineDefault = (real: string) => (demo ? publicUrl : real)
  return {
    publicUrl,
    demo,
    line: {
      channelSecret: demo ? DEMO_CHANNEL.secret : secret,
      channelAccessToken: demo ? DEMO_CHANNEL.accessToken : token,
      apiBaseUrl: env.LINE_API_BASE_URL || lineDefault('https://api.line.me'),
      dataApiBaseUrl: env.LINE_DATA_API_BASE_URL || lineDefault('https://api-data.line.me'),
      accessBaseUrl: env.LINE_ACCESS_BASE_URL || lineDefault('https://access.line.me'),
      loginApiBaseUrl: env.LINE_LOGIN_API_BASE_URL || lineDefault('https://api.line.me'),
      loginChannelId: env.LINE_LOGIN_CHANNEL_ID || (demo ? DEMO_CHANNEL.loginChannelId : ''),
      liffId: env.LIFF_ID || (demo ? DEMO_CHANNEL.liffId : ''),
    },
    policy: readPolicy(env.BUNKO_POLICY),
    trustProxy: env.TRUST_PROXY === '1',
    webhookBodyLimit: 256 * 1024,
    opacUrl: readOpacUrl(env.OPAC_URL),
    librarySystem: readLibrarySystem(env),
  }
}

function readLibrarySystem(env: Env): LibrarySystemConfig {
  try {
    return readLibrarySystemConfig(env)
  } catch (err) {
    if (err instanceof FrontConfigError) throw new ConfigError(err.message)
    throw err
  }
}

/** OPAC_URL must be an http(s) address: it becomes a link patrons tap. */
function readOpacUrl(value: string | undefined): string | null {
  if (!value) return null
  try {
    const url = new URL(value)
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.href
  } catch {}
  throw new ConfigError(`OPAC_URL must be an http(s) address, not "${value.slice(0, 60)}".`)
}

function readDemoFlag(value: string | undefined): boolean {
  if (value === undefined || value === '' || value === '0') return false
  if (value === '1') return true
  throw new ConfigError(`BUNKO_DEMO must be 1 (demo mode) or 0, not "${value.slice(0, 20)}".`)
}

/** Whether `url` points at this machine (localhost, 127.0.0.0/8, ::1): a local try-out. */
export function isLoopback(url: string): boolean {
  let host: string
  try {
    host = new URL(url).hostname
  } catch {
    return false
  }
  return isLoopbackHost(host)
}

function isLoopbackHost(host: string): boolean {
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127\./.test(host) ||
    host === '[::1]' ||
    host === '::1'
  )
}

/**
 * What `npm start` runs with: BUNKO_DEMO=1 added only for a local try-out, i.e. BUNKO_DEMO is
 * not set, neither LINE secret is, the server listens on loopback only and PUBLIC_URL (if
 * set) is this machine. Anything else is passed as it is, for readConfig to judge.
 */
export function localDemoEnv(env: Env, listen: { host: string }): Env {
  const local =
    env.BUNKO_DEMO === undefined &&
    !env.LINE_CHANNEL_SECRET &&
    !env.LINE_CHANNEL_ACCESS_TOKEN &&
    isLoopbackHost(listen.host) &&
    (!env.PUBLIC_URL || isLoopback(env.PUBLIC_URL))
  return local ? { ...env, BUNKO_DEMO: '1' } : env
}

/** BUNKO_POLICY holds a JSON policy (only what differs from Hirakata's); unset means Hirakata. */
function readPolicy(json: string | undefined): Policy {
  if (!json) return HIRAKATA_POLICY
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch {
    throw new ConfigError('BUNKO_POLICY is not valid JSON.')
  }
  const result = parsePolicy(parsed)
  if (!result.ok)
    throw new ConfigError(
      `BUNKO_POLICY refused: ${result.errors.map((e) => `${e.field} ${e.problem}`).join('; ')}`,
    )
  return result.policy
}
