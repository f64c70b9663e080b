/**
 * Configuration read from environment variables (process.env on Node, bindings on Workers).
 * One place knows every variable, its default and what it does; README.md's table mirrors it.
 */
import { HIRAKATA_POLICY, type Policy, parsePolicy } from '../core/policy.ts'

export interface Config {
  /** Where patrons' browsers and LINE reach the bot, without a trailing slash. */
  publicUrl: string
  /** True when no LINE credentials are set: the bundled LINE simulator stands in for LINE. */
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
  /** Largest webhook body accepted, in bytes. */
  webhookBodyLimit: number
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
 * Build the configuration. With neither LINE credential set, bunko runs in demo mode against
 * its simulator at `publicUrl`; with only one of them set it refuses to start, since a
 * half-configured channel would silently drop webhooks or pushes.
 */
export function readConfig(env: Env, defaults: { publicUrl: string }): Config {
  const publicUrl = (env.PUBLIC_URL || defaults.publicUrl).replace(/\/+$/, '')
  const secret = env.LINE_CHANNEL_SECRET ?? ''
  const token = env.LINE_CHANNEL_ACCESS_TOKEN ?? ''
  if (Boolean(secret) !== Boolean(token))
    throw new ConfigError(
      'Set both LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN, or neither (demo mode).',
    )
  const demo = !secret
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
    webhookBodyLimit: 256 * 1024,
  }
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
