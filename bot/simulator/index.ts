/**
 * bunko's LINE Platform simulator: a stand-in for the parts of LINE the bot uses, for tests
 * and for trying bunko without a LINE channel. Off whenever real credentials are configured.
 *
 * ```ts
 * const sim = createLineSimulator({ channelSecret, channelAccessToken, loginChannelId,
 *   deliver: (req) => bot.fetch(req) })
 * mountLineSimulator(bot, sim)            // or serve sim.app on its own port
 * const urls = lineBaseUrls(origin)      // LINE_API_BASE_URL and friends, all → the simulator
 * ```
 */
import type { Hono } from 'hono'
import type { LineSimulator } from './simulator.ts'

export { USER_COOKIE } from './dialog.tsx'
export { MESSAGES } from './errors.ts'
export { ISSUER as ID_TOKEN_ISSUER } from './login/id-token.ts'
export { createLineSimulator, type LineSimulator, type LineSimulatorOptions } from './simulator.ts'
export type { SimulatorState } from './state.ts'
export * from './types.ts'
export { DEMO_USERS, UserActionError, type UserActions } from './users.ts'
export type { Deliver } from './webhook/deliver.ts'
export { signBody } from './webhook/sign.ts'

/**
 * Put the simulator's routes (`/v2/*`, `/oauth2/*`, `/dialog/*`, `/simulator*`) on `host`, so
 * one port serves bot and simulator. Mount it before the host's catch-all routes, if any.
 */
export function mountLineSimulator<H extends Hono>(host: H, sim: LineSimulator): H {
  host.route('/', sim.app)
  return host
}

/** The four LINE base URLs the bot is configured with, all pointing at a simulator origin. */
export function lineBaseUrls(origin: string) {
  const base = origin.replace(/\/+$/, '')
  return {
    LINE_API_BASE_URL: base,
    LINE_DATA_API_BASE_URL: base,
    LINE_ACCESS_BASE_URL: base,
    LINE_LOGIN_API_BASE_URL: base,
  }
}
