/**
 * A SIP2 message as data, and its text form without error detection. A message is its
 * two-digit code, its fixed-length parts by name (in the order the catalogue gives), and its
 * variable fields as `[id, value]` pairs in the order they came: fields are found by their
 * two-letter id wherever they stand, and repeated or empty fields are kept as they are.
 */
import { type FixedKind, type FixedPart, messageSpec } from './catalogue.ts'

export type Field = readonly [id: string, value: string]

export interface Sip2Message {
  code: string
  fixed: Record<string, string>
  fields: Field[]
}

export type Sip2ProblemKind =
  | 'unknown_type'
  | 'too_short'
  | 'bad_fixed'
  | 'bad_field'
  | 'bad_checksum'
  | 'bad_charset'
  | 'too_long'

/** Why a message could not be read or written; `detail` names the part, never its value. */
export class Sip2Problem extends Error {
  override name = 'Sip2Problem'
  constructor(
    readonly kind: Sip2ProblemKind,
    readonly detail: string,
  ) {
    super(`${kind}: ${detail}`)
  }
}

const FIELD_ID = /^[A-Z][A-Z0-9]$/
/** Characters that end a field or a message, so no value may hold them. */
const RESERVED = /[|\r\n]/

const KIND_PATTERNS: Record<FixedKind, (len: number) => RegExp> = {
  yn: () => /^[YN]$/,
  ynu: () => /^[YNU]$/,
  flags: (len) => new RegExp(`^[Y ]{${len}}$`),
  digits: (len) => new RegExp(`^(?:[0-9]{${len}}| {${len}})$`),
  date: () => /^(?:[0-9]{8}[ A-Z0-9]{4}[0-9]{6}| {18})$/,
  version: () => /^[0-9]\.[0-9]{2}$/,
  text: (len) => new RegExp(`^[\\x20-\\x7e]{${len}}$`),
}

function checkFixed(part: FixedPart, value: string | undefined): string {
  if (value === undefined) throw new Sip2Problem('bad_fixed', `${part.name} is missing`)
  const ok =
    value.length === part.length &&
    KIND_PATTERNS[part.kind](part.length).test(value) &&
    (!part.oneOf || part.oneOf.includes(value))
  if (!ok) throw new Sip2Problem('bad_fixed', `${part.name} is not ${part.length} × ${part.kind}`)
  return value
}

/** The message as SIP2 text, without sequence, checksum or terminator. */
export function formatMessage(msg: Sip2Message): string {
  const spec = messageSpec(msg.code)
  if (!spec) throw new Sip2Problem('unknown_type', `message ${msg.code}`)
  let text = msg.code
  for (const part of spec.fixed) text += checkFixed(part, msg.fixed[part.name])
  for (const [id, value] of msg.fields) {
    if (!FIELD_ID.test(id) || id === 'AY' || id === 'AZ')
      throw new Sip2Problem('bad_field', `field id ${JSON.stringify(id)}`)
    if (RESERVED.test(value)) throw new Sip2Problem('bad_field', `${id} holds a separator`)
    text += `${id}${value}|`
  }
  return text
}

/**
 * Read SIP2 text without its error-detection trailer. Fixed parts are checked against the
 * catalogue; variable fields are `XXvalue|` (a last field without its `|` is accepted, as
 * some kiosks send it).
 */
export function parseMessage(text: string): Sip2Message {
  const code = text.slice(0, 2)
  const spec = messageSpec(code)
  if (!spec) throw new Sip2Problem('unknown_type', `message ${JSON.stringify(code)}`)
  const fixed: Record<string, string> = {}
  let at = 2
  for (const part of spec.fixed) {
    if (at + part.length > text.length) throw new Sip2Problem('too_short', part.name)
    fixed[part.name] = checkFixed(part, text.slice(at, at + part.length))
    at += part.length
  }
  const fields: Field[] = []
  const rest = text.slice(at)
  if (rest.length > 0) {
    const pieces = rest.split('|')
    if (pieces.at(-1) === '') pieces.pop()
    for (const piece of pieces) {
      const id = piece.slice(0, 2)
      if (!FIELD_ID.test(id)) throw new Sip2Problem('bad_field', 'field id expected')
      if (/[\r\n]/.test(piece)) throw new Sip2Problem('bad_field', `${id} holds a line break`)
      fields.push([id, piece.slice(2)])
    }
  }
  return { code, fixed, fields }
}

/** The first value of field `id`, or undefined. */
export function field(msg: Sip2Message, id: string): string | undefined {
  return msg.fields.find((f) => f[0] === id)?.[1]
}

/** Every value of field `id` (repeatable fields such as AS, AU, BM). */
export function fieldsOf(msg: Sip2Message, id: string): string[] {
  return msg.fields.filter((f) => f[0] === id).map((f) => f[1])
}
