/**
 * LINE's limits on the messages bunko sends, and a structural check against them. LINE
 * rejects a whole request when one message breaks a limit, so a builder that can overflow
 * (long titles, many items) must truncate; the tests run every builder through this check.
 *
 * Figures from LINE's Messaging API reference. altText is kept to 400 for every kind (the
 * template limit) although Flex allows 1500: a lock-screen preview shows far less anyway.
 */
import type { messagingApi } from '@line/bot-sdk'

export const LIMITS = {
  messagesPerRequest: 5,
  text: 5000,
  altText: 400,
  quickReplyItems: 13,
  actionLabel: 20,
  postbackData: 300,
  uri: 1000,
  buttonsText: 160,
  buttonsTextWithTitle: 60,
  buttonsTitle: 40,
  buttonsActions: 4,
  confirmText: 240,
  carouselBubbles: 12,
  bubbleBytes: 30 * 1024,
  carouselBytes: 50 * 1024,
} as const

const URI_SCHEMES = /^(https?:|line:|tel:)/

function bytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length
}

function checkAction(action: messagingApi.Action, at: string, out: string[]): void {
  const a = action as Record<string, unknown>
  if (typeof a.label === 'string' && a.label.length > LIMITS.actionLabel)
    out.push(`${at}.label over ${LIMITS.actionLabel}`)
  if (a.type === 'uri') {
    const uri = String(a.uri ?? '')
    if (!URI_SCHEMES.test(uri)) out.push(`${at}.uri has an unsupported scheme`)
    if (uri.length > LIMITS.uri) out.push(`${at}.uri over ${LIMITS.uri}`)
  }
  if (a.type === 'postback' && String(a.data ?? '').length > LIMITS.postbackData)
    out.push(`${at}.data over ${LIMITS.postbackData}`)
}

/** Walk a Flex tree: actions anywhere, and no empty text component. */
function checkFlex(node: unknown, at: string, out: string[]): void {
  if (Array.isArray(node)) {
    node.forEach((n, i) => {
      checkFlex(n, `${at}[${i}]`, out)
    })
    return
  }
  if (!node || typeof node !== 'object') return
  const n = node as Record<string, unknown>
  if (n.type === 'text' && !n.contents && !(typeof n.text === 'string' && n.text.length > 0))
    out.push(`${at} is an empty text`)
  for (const [key, value] of Object.entries(n)) {
    if (key === 'action' && value) checkAction(value as messagingApi.Action, `${at}.action`, out)
    else checkFlex(value, `${at}.${key}`, out)
  }
}

function checkTemplate(t: messagingApi.Template, out: string[]): void {
  if (t.type === 'buttons') {
    const b = t as messagingApi.ButtonsTemplate
    const max = b.title || b.thumbnailImageUrl ? LIMITS.buttonsTextWithTitle : LIMITS.buttonsText
    if (b.text.length > max) out.push(`buttons text over ${max}`)
    if ((b.title ?? '').length > LIMITS.buttonsTitle) out.push('buttons title over 40')
    if (b.actions.length < 1 || b.actions.length > LIMITS.buttonsActions)
      out.push('buttons needs 1–4 actions')
    for (const [i, a] of b.actions.entries()) checkAction(a, `actions[${i}]`, out)
  } else if (t.type === 'confirm') {
    const c = t as messagingApi.ConfirmTemplate
    if (c.text.length > LIMITS.confirmText) out.push(`confirm text over ${LIMITS.confirmText}`)
    if (c.actions.length !== 2) out.push('confirm needs exactly 2 actions')
    for (const [i, a] of c.actions.entries()) checkAction(a, `actions[${i}]`, out)
  }
}

function checkContainer(c: messagingApi.FlexContainer, out: string[]): void {
  if (c.type === 'carousel') {
    const carousel = c as messagingApi.FlexCarousel
    if (carousel.contents.length < 1 || carousel.contents.length > LIMITS.carouselBubbles)
      out.push(`carousel needs 1–${LIMITS.carouselBubbles} bubbles`)
    if (bytes(c) > LIMITS.carouselBytes) out.push('carousel over 50 KB')
    carousel.contents.forEach((b, i) => {
      if (bytes(b) > LIMITS.bubbleBytes) out.push(`bubble ${i} over 30 KB`)
    })
  } else if (bytes(c) > LIMITS.bubbleBytes) out.push('bubble over 30 KB')
  checkFlex(c, 'contents', out)
}

/** Every way `message` breaks a LINE limit; empty when LINE would accept it. */
export function messageProblems(message: messagingApi.Message): string[] {
  const out: string[] = []
  const items = message.quickReply?.items ?? []
  if (items.length > LIMITS.quickReplyItems) out.push('quick reply over 13 items')
  for (const [i, item] of items.entries())
    if (item.action) checkAction(item.action, `quickReply.items[${i}].action`, out)
  if (message.type === 'text') {
    const t = (message as messagingApi.TextMessage).text
    if (t.length === 0 || t.length > LIMITS.text) out.push('text must be 1–5000 characters')
  }
  if (message.type === 'template' || message.type === 'flex') {
    const alt = (message as messagingApi.TemplateMessage | messagingApi.FlexMessage).altText
    if (alt.length === 0 || alt.length > LIMITS.altText) out.push('altText must be 1–400')
  }
  if (message.type === 'template')
    checkTemplate((message as messagingApi.TemplateMessage).template, out)
  if (message.type === 'flex') checkContainer((message as messagingApi.FlexMessage).contents, out)
  return out
}
