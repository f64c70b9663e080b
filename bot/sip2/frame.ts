/**
 * One SIP2 message on the wire: text, then with error detection `AY<n>AZ<hhhh>`, then `\r`.
 * `encodeFrame` and `decodeFrame` turn a message into bytes and back in a chosen charset;
 * `LineSplitter` cuts a byte stream into frames at `\r` (a following `\n` is tolerated) and
 * refuses a line longer than its limit. All pure: the sockets live in the server.
 */
import { type Charset, CharsetError, decodeText, encodeText } from './charset.ts'
import { checksum, checksumMatches, isSequence } from './checksum.ts'
import { formatMessage, parseMessage, type Sip2Message, Sip2Problem } from './fields.ts'

export interface Frame {
  message: Sip2Message
  /** The `AY` sequence number, when the sender used error detection. */
  sequence: number | null
  /** Whether an `AZ` checksum came with the frame (and matched: a wrong one is refused). */
  checked: boolean
}

export interface FrameOptions {
  charset?: Charset
  /** With a sequence number, the frame carries `AY` and `AZ`. */
  sequence?: number | null
  /** An `AZ` checksum without a sequence number (the resend messages 96 and 97 are sent so). */
  checksum?: boolean
}

const CR = 0x0d
const LF = 0x0a

/** The message's bytes, terminated by `\r`, with error detection when a sequence is given. */
export function encodeFrame(message: Sip2Message, opts: FrameOptions = {}): Uint8Array {
  const charset = opts.charset ?? 'utf-8'
  const sequence = opts.sequence ?? null
  const checked = sequence !== null || opts.checksum === true
  let text = formatMessage(message)
  if (sequence !== null) {
    if (!isSequence(sequence)) throw new Sip2Problem('bad_field', 'sequence must be 0–9')
    text += `AY${sequence}`
  }
  if (checked) text += 'AZ'
  const body = toBytes(text, charset)
  const tail = checked ? `${checksum(body)}\r` : '\r'
  const out = new Uint8Array(body.length + tail.length)
  out.set(body)
  for (let i = 0; i < tail.length; i++) out[body.length + i] = tail.charCodeAt(i)
  return out
}

const TRAILER = /(?:AY([0-9]))?AZ([0-9A-Fa-f]{4})$/

/** Read one frame's bytes (with or without its `\r`), checking the checksum when present. */
export function decodeFrame(bytes: Uint8Array, opts: { charset?: Charset } = {}): Frame {
  let end = bytes.length
  while (end > 0 && (bytes[end - 1] === CR || bytes[end - 1] === LF)) end--
  const body = bytes.subarray(0, end)
  const text = toText(body, opts.charset ?? 'utf-8')
  const trailer = TRAILER.exec(text)
  // A message's last variable field ends in `|`, so a trailer is only ever right after one,
  // or right after the fixed part of a message with no fields.
  if (!trailer) return { message: parseMessage(text), sequence: null, checked: false }
  if (!checksumMatches(body.subarray(0, end - 4), trailer[2] ?? ''))
    throw new Sip2Problem('bad_checksum', 'AZ does not match')
  const message = parseMessage(text.slice(0, trailer.index))
  return { message, sequence: trailer[1] === undefined ? null : Number(trailer[1]), checked: true }
}

function toBytes(text: string, charset: Charset): Uint8Array {
  try {
    return encodeText(text, charset)
  } catch (err) {
    if (err instanceof CharsetError) throw new Sip2Problem('bad_charset', err.message)
    throw err
  }
}

function toText(bytes: Uint8Array, charset: Charset): string {
  try {
    return decodeText(bytes, charset)
  } catch (err) {
    if (err instanceof CharsetError) throw new Sip2Problem('bad_charset', err.message)
    throw err
  }
}

/**
 * Cuts a byte stream into frames. `push` returns the complete frames so far (each without
 * its terminator); a line that grows past `maxBytes` without a `\r` throws `too_long`, and
 * the splitter is then spent (the connection is to be closed).
 */
export class LineSplitter {
  private pending: Uint8Array = new Uint8Array(0)

  constructor(private readonly maxBytes: number) {}

  push(chunk: Uint8Array): Uint8Array[] {
    const data = concat(this.pending, chunk)
    const frames: Uint8Array[] = []
    let start = 0
    for (let i = 0; i < data.length; i++) {
      if (data[i] !== CR) continue
      const line = dropLeadingLf(data.subarray(start, i))
      if (line.length > this.maxBytes) throw new Sip2Problem('too_long', 'line over the limit')
      if (line.length > 0) frames.push(line)
      start = i + 1
    }
    const rest = dropLeadingLf(data.subarray(start))
    if (rest.length > this.maxBytes) throw new Sip2Problem('too_long', 'line over the limit')
    this.pending = rest.slice()
    return frames
  }

  /** Bytes of an unfinished message waiting for its `\r`. */
  get buffered(): number {
    return this.pending.length
  }
}

/** The `\n` of a `\r\n` belongs to the line before. */
function dropLeadingLf(line: Uint8Array): Uint8Array {
  return line[0] === LF ? line.subarray(1) : line
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}
