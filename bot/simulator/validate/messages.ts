/**
 * Message objects, checked against the limits in LINE's Messaging API reference: 1–5 messages
 * per request, text ≤5000 characters, template altText ≤400, flex altText ≤1500 and a bubble
 * ≤30 KB, quick replies ≤13 items. Enough for a bot to meet in tests the 400s it would meet in
 * production; not every property of every message type.
 */
import type { ErrorDetail } from '../errors.ts'
import { checkString, isObj, type Obj, validateAction } from './actions.ts'

const MESSAGE_TYPES = [
  'text',
  'sticker',
  'image',
  'video',
  'audio',
  'location',
  'imagemap',
  'template',
  'flex',
] as const

export function validateMessages(messages: unknown, property = 'messages'): ErrorDetail[] {
  const errors: ErrorDetail[] = []
  if (!Array.isArray(messages)) {
    errors.push({ message: 'Must not be empty', property })
    return errors
  }
  if (messages.length < 1 || messages.length > 5) {
    errors.push({ message: 'Size must be between 1 and 5', property })
    return errors
  }
  messages.forEach((m, i) => {
    validateMessage(errors, m, `${property}[${i}]`)
  })
  return errors
}

function validateMessage(errors: ErrorDetail[], m: unknown, property: string): void {
  if (!isObj(m)) {
    errors.push({ message: 'Must be an object', property })
    return
  }
  if (typeof m.type !== 'string' || !(MESSAGE_TYPES as readonly string[]).includes(m.type)) {
    errors.push({
      message: `Must be one of ${MESSAGE_TYPES.join(', ')}`,
      property: `${property}.type`,
    })
    return
  }
  switch (m.type) {
    case 'text':
      checkString(errors, m.text, `${property}.text`, { max: 5000, required: true })
      break
    case 'sticker':
      checkString(errors, m.packageId, `${property}.packageId`, { max: 100, required: true })
      checkString(errors, m.stickerId, `${property}.stickerId`, { max: 100, required: true })
      break
    case 'image':
    case 'video':
      checkHttpsUrl(errors, m.originalContentUrl, `${property}.originalContentUrl`)
      checkHttpsUrl(errors, m.previewImageUrl, `${property}.previewImageUrl`)
      break
    case 'template':
      checkString(errors, m.altText, `${property}.altText`, { max: 400, required: true })
      validateTemplate(errors, m.template, `${property}.template`)
      break
    case 'flex':
      checkString(errors, m.altText, `${property}.altText`, { max: 1500, required: true })
      validateFlex(errors, m.contents, `${property}.contents`)
      break
  }
  if (m.quickReply !== undefined) validateQuickReply(errors, m.quickReply, `${property}.quickReply`)
}

function checkHttpsUrl(errors: ErrorDetail[], value: unknown, property: string): void {
  checkString(errors, value, property, { max: 2000, required: true })
  if (typeof value === 'string' && value.length > 0 && !value.startsWith('https://'))
    errors.push({ message: 'Must be an HTTPS URL', property })
}

function validateActions(
  errors: ErrorDetail[],
  actions: unknown,
  property: string,
  min: number,
  max: number,
): void {
  if (!Array.isArray(actions) || actions.length < min || actions.length > max) {
    errors.push({ message: `Size must be between ${min} and ${max}`, property })
    return
  }
  actions.forEach((a, i) => {
    validateAction(errors, a, `${property}[${i}]`, { labelRequired: true })
  })
}

function validateTemplate(errors: ErrorDetail[], t: unknown, property: string): void {
  if (!isObj(t)) {
    errors.push({ message: 'Must not be empty', property })
    return
  }
  switch (t.type) {
    case 'buttons': {
      const short = t.title !== undefined || t.thumbnailImageUrl !== undefined
      checkString(errors, t.title, `${property}.title`, { max: 40 })
      checkString(errors, t.text, `${property}.text`, { max: short ? 60 : 160, required: true })
      validateActions(errors, t.actions, `${property}.actions`, 1, 4)
      break
    }
    case 'confirm':
      checkString(errors, t.text, `${property}.text`, { max: 240, required: true })
      validateActions(errors, t.actions, `${property}.actions`, 2, 2)
      break
    case 'carousel':
    case 'image_carousel':
      if (!Array.isArray(t.columns) || t.columns.length < 1 || t.columns.length > 10)
        errors.push({ message: 'Size must be between 1 and 10', property: `${property}.columns` })
      break
    default:
      errors.push({
        message: 'Must be one of buttons, confirm, carousel, image_carousel',
        property: `${property}.type`,
      })
  }
}

function validateFlex(errors: ErrorDetail[], contents: unknown, property: string): void {
  if (!isObj(contents)) {
    errors.push({ message: 'Must not be empty', property })
    return
  }
  if (contents.type === 'bubble') {
    validateBubble(errors, contents, property)
  } else if (contents.type === 'carousel') {
    const bubbles = contents.contents
    if (!Array.isArray(bubbles) || bubbles.length < 1 || bubbles.length > 12) {
      errors.push({ message: 'Size must be between 1 and 12', property: `${property}.contents` })
      return
    }
    bubbles.forEach((b, i) => {
      validateBubble(errors, b, `${property}.contents[${i}]`)
    })
  } else {
    errors.push({ message: 'Must be one of bubble, carousel', property: `${property}.type` })
  }
}

function validateBubble(errors: ErrorDetail[], bubble: unknown, property: string): void {
  if (!isObj(bubble) || bubble.type !== 'bubble') {
    errors.push({ message: 'Must be a bubble', property })
    return
  }
  if (new TextEncoder().encode(JSON.stringify(bubble)).length > 30 * 1024)
    errors.push({ message: 'A bubble must be at most 30 KB', property })
  for (const block of ['header', 'hero', 'body', 'footer'] as const) {
    if (bubble[block] !== undefined)
      validateComponent(errors, bubble[block], `${property}.${block}`)
  }
}

const COMPONENT_TYPES = [
  'box',
  'text',
  'button',
  'image',
  'video',
  'icon',
  'separator',
  'spacer',
  'filler',
  'span',
]

function validateComponent(errors: ErrorDetail[], c: unknown, property: string): void {
  if (!isObj(c) || typeof c.type !== 'string' || !COMPONENT_TYPES.includes(c.type)) {
    errors.push({
      message: `Must be one of ${COMPONENT_TYPES.join(', ')}`,
      property: `${property}.type`,
    })
    return
  }
  const node: Obj = c
  if (node.type === 'box') {
    if (!['vertical', 'horizontal', 'baseline'].includes(String(node.layout)))
      errors.push({
        message: 'Must be vertical, horizontal or baseline',
        property: `${property}.layout`,
      })
    if (!Array.isArray(node.contents)) {
      errors.push({ message: 'Must not be empty', property: `${property}.contents` })
      return
    }
    node.contents.forEach((child, i) => {
      validateComponent(errors, child, `${property}.contents[${i}]`)
    })
  }
  if (node.type === 'text' && node.text === undefined && !Array.isArray(node.contents))
    errors.push({ message: 'Must not be empty', property: `${property}.text` })
  if (node.type === 'button')
    validateAction(errors, node.action, `${property}.action`, { labelRequired: true })
  if (node.action !== undefined && node.type !== 'button')
    validateAction(errors, node.action, `${property}.action`, { labelRequired: false })
}

function validateQuickReply(errors: ErrorDetail[], qr: unknown, property: string): void {
  const items = isObj(qr) ? qr.items : undefined
  if (!Array.isArray(items) || items.length < 1 || items.length > 13) {
    errors.push({ message: 'Size must be between 1 and 13', property: `${property}.items` })
    return
  }
  items.forEach((item, i) => {
    const p = `${property}.items[${i}]`
    if (!isObj(item) || item.type !== 'action') {
      errors.push({ message: "Must be 'action'", property: `${p}.type` })
      return
    }
    validateAction(errors, item.action, `${p}.action`, { labelRequired: true })
  })
}
