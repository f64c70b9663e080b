/**
 * The SIP2 (3M Standard Interchange Protocol 2.00) codec, shared by bunko's kiosk server and
 * by a client adapter that fronts another library system. Pure: no sockets, no Node API.
 */

export { FIELD_NAMES, MESSAGE_SPECS, type MessageSpec, messageSpec } from './catalogue.ts'
export { CHARSETS, type Charset, CharsetError, charsetNamed, fitText } from './charset.ts'
export { checksum, checksumMatches, isSequence, nextSequence } from './checksum.ts'
export { parseSipDate, sipDate, sipDueDate } from './dates.ts'
export {
  type Field,
  field,
  fieldsOf,
  formatMessage,
  parseMessage,
  type Sip2Message,
  Sip2Problem,
  type Sip2ProblemKind,
} from './fields.ts'
export { decodeFrame, encodeFrame, type Frame, type FrameOptions, LineSplitter } from './frame.ts'
export * from './requests.ts'
