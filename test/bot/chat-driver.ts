/**
 * Drives the chat for the bot's end-to-end tests: a user's text or tap through the LINE
 * simulator, answered with the bot's texts to it; or a signed webhook request built by hand,
 * for what the simulator's users never send (redeliveries, other event types, junk).
 */
import { sign } from '../../bot/webhook/signature.ts'
import type { Bunko } from '../support/bunko.ts'
import { botTexts } from './link-flow.ts'

/** Send text as a user and return the bot's answers to it. */
export async function say(b: Bunko, userId: string, text: string): Promise<string[]> {
  const before = b.sim.record.botMessages(userId).length
  await b.sim.users.sendText(userId, text)
  await b.settled()
  return botTexts(b, userId, before)
}

/** Tap a postback as a user and return the bot's answers to it. */
export async function tap(b: Bunko, userId: string, data: string): Promise<string[]> {
  const before = b.sim.record.botMessages(userId).length
  await b.sim.users.postback(userId, data)
  await b.settled()
  return botTexts(b, userId, before)
}

/** POST `events` to /webhook as LINE would, signed with `secret` (the channel's by default). */
export async function postEvents(
  b: Bunko,
  events: unknown[],
  secret = b.config.line.channelSecret,
): Promise<Response> {
  const body = JSON.stringify({ destination: 'Ubot', events })
  return b.root.request('/webhook', {
    method: 'POST',
    body,
    headers: { 'x-line-signature': await sign(secret, body) },
  })
}
