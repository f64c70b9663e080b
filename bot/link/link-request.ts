/**
 * The link page's request (LINE's link token and the bot's signed state), read the same way
 * wherever it arrives: on /link itself, and on /password when the link page led there, so the
 * password page can offer the way back to linking while the link token still lives.
 */
import type { AppDeps } from '../deps.ts'
import { type LinkState, readLinkState } from './state.ts'

/** LINE's link tokens and the bot's nonces: URL-safe, 10–128 characters. */
export const TOKEN_RE = /^[A-Za-z0-9_-]{10,128}$/
/** LINE's link token lives 10 minutes; a page older than that cannot finish anyway. */
export const LINK_TOKEN_MS = 10 * 60 * 1000

/** Whether the pair has the shape of a link request (before its signature is checked). */
export function looksLikeLinkRequest(linkToken: string, state: string): boolean {
  return TOKEN_RE.test(linkToken) && state.length > 0 && state.length <= 200
}

/** The signed state, if it is ours, for this link token, and the token still lives. */
export function readLinkRequest(
  deps: AppDeps,
  linkToken: string,
  state: string,
): Promise<LinkState | null> {
  return looksLikeLinkRequest(linkToken, state)
    ? readLinkState(
        deps.config.line.channelSecret,
        linkToken,
        state,
        deps.clock.now(),
        LINK_TOKEN_MS,
      )
    : Promise.resolve(null)
}
