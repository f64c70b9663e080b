/**
 * Sends webhook events to the bot the way LINE does: one signed JSON POST with
 * `{ destination, events }`. A delivery that fails (no answer, or not 2xx) can be sent again
 * with the same webhookEventIds and `deliveryContext.isRedelivery: true`, as LINE's optional
 * webhook redelivery does.
 */
import { keep, nextSeq, type SimulatorState } from '../state.ts'
import type { WebhookDelivery } from '../types.ts'
import type { WebhookEvent } from './events.ts'
import { signBody } from './sign.ts'

export type Deliver = (request: Request) => Promise<Response>

export async function deliverEvents(
  state: SimulatorState,
  deliver: Deliver | undefined,
  events: WebhookEvent[],
  isRedelivery = false,
): Promise<WebhookDelivery> {
  const body = JSON.stringify({ destination: state.botUserId, events })
  const signature = await signBody(state.channelSecret, body)
  const url = state.webhookUrl ?? 'http://bot.invalid/webhook'
  const delivery: WebhookDelivery = {
    seq: nextSeq(state),
    at: state.clock(),
    url,
    body,
    signature,
    status: null,
    webhookEventIds: events.map((e) => e.webhookEventId),
    isRedelivery,
  }
  keep(state.deliveries, delivery)
  if (!deliver && !state.webhookUrl) {
    delivery.error = 'No webhook URL is set'
    return delivery
  }
  const request = new Request(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-line-signature': signature,
      'user-agent': 'LineBotWebhook/2.0',
    },
    body,
  })
  try {
    const response = await (deliver ?? fetch)(request)
    delivery.status = response.status
    await response.body?.cancel()
  } catch (e) {
    delivery.error = e instanceof Error ? e.message : String(e)
  }
  return delivery
}

export function deliveryFailed(d: WebhookDelivery): boolean {
  return d.status === null || d.status < 200 || d.status >= 300
}

/** Send every failed, not yet redelivered delivery again, marked as a redelivery. */
export async function redeliverFailed(
  state: SimulatorState,
  deliver: Deliver | undefined,
): Promise<WebhookDelivery[]> {
  const failed = state.deliveries.filter((d) => deliveryFailed(d) && !d.redelivered)
  const results: WebhookDelivery[] = []
  for (const original of failed) {
    original.redelivered = true
    const { events } = JSON.parse(original.body) as { events: WebhookEvent[] }
    const again = events.map((e) => ({ ...e, deliveryContext: { isRedelivery: true } }))
    results.push(await deliverEvents(state, deliver, again, true))
  }
  return results
}
