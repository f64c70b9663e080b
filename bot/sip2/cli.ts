/**
 * `npm run sip2 -- <host:port> <message> [options]`: try a SIP2 server by hand. Logs in,
 * sends one message, prints the request and the parsed answer field by field.
 *
 *   npm run sip2 -- 127.0.0.1:6001 "63 1000000001"      patron information
 *   npm run sip2 -- 127.0.0.1:6001 "17 2000000010"      item information
 *   npm run sip2 -- 127.0.0.1:6001 "11 1000000001 2000000123"   checkout
 *   npm run sip2 -- 127.0.0.1:6001 "09 2000000123"      checkin
 *   npm run sip2 -- 127.0.0.1:6001 "99"                 SC status
 *   npm run sip2 -- 127.0.0.1:6001 "raw:2300120261203    101500AOhirakata|AA1000000001|"
 *
 * Options: --user, --password (SIP2_USER / SIP2_PASSWORD; demo kiosk by default),
 * --institution (default hirakata), --patron-password, --charset, --tls [--ca file].
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { DEMO_KIOSK } from '../demo.ts'
import {
  type Charset,
  charsetNamed,
  checkinRequest,
  checkoutRequest,
  endSessionRequest,
  FIELD_NAMES,
  type Frame,
  holdRequest,
  itemInformationRequest,
  loginRequest,
  messageSpec,
  parseMessage,
  patronInformationRequest,
  patronStatusRequest,
  renewAllRequest,
  renewRequest,
  type Sip2Message,
  scStatusRequest,
  type Who,
} from './index.ts'
import { Sip2Client } from './node-client.ts'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    user: { type: 'string', default: process.env.SIP2_USER ?? DEMO_KIOSK.login },
    password: { type: 'string', default: process.env.SIP2_PASSWORD ?? DEMO_KIOSK.password },
    institution: { type: 'string', default: DEMO_KIOSK.institutionId },
    'patron-password': { type: 'string' },
    charset: { type: 'string', default: 'utf-8' },
    tls: { type: 'boolean', default: false },
    ca: { type: 'string' },
  },
})

const USAGE =
  'usage: npm run sip2 -- <host:port> "<message>"   e.g. "63 1000000001", "17 2000000010"'

/** The message a short command names. */
export function requestFor(command: string, w: Who): Sip2Message {
  if (command.startsWith('raw:')) return parseMessage(command.slice(4))
  const [code, a = '', b = ''] = command.trim().split(/\s+/)
  const patron = { ...w, patron: a }
  switch (code) {
    case '99':
      return scStatusRequest()
    case '23':
      return patronStatusRequest(patron)
    case '63':
      return patronInformationRequest(patron, (b || 'charged') as 'charged')
    case '11':
      return checkoutRequest(patron, b)
    case '09':
      return checkinRequest(w, a)
    case '17':
      return itemInformationRequest(w, a)
    case '29':
      return renewRequest(patron, b)
    case '65':
      return renewAllRequest(patron)
    case '15':
      return holdRequest(patron, '+', b)
    case '35':
      return endSessionRequest(patron)
    default:
      throw new Error(`unknown message "${code}". ${USAGE}`)
  }
}

/** Passwords are never printed. */
const SECRET = new Set(['AD', 'CO', 'AC'])

function print(label: string, msg: Sip2Message, frame?: Frame) {
  const spec = messageSpec(msg.code)
  console.log(
    `${label} ${msg.code} ${spec?.name ?? ''}${frame?.sequence != null ? ` (AY${frame.sequence}, checksum ok)` : ''}`,
  )
  for (const [name, value] of Object.entries(msg.fixed))
    console.log(`  ${name.padEnd(22)} "${value}"`)
  for (const [id, value] of msg.fields) {
    const shown = SECRET.has(id) && value ? '********' : value
    console.log(`  ${id} ${(FIELD_NAMES[id] ?? '').padEnd(19)} ${shown}`)
  }
}

async function main(): Promise<number> {
  const [target, command] = positionals
  const m = /^(.+):(\d+)$/.exec(target ?? '')
  if (!m || !command) {
    console.error(USAGE)
    return 2
  }
  const charset: Charset | null = charsetNamed(values.charset)
  if (!charset) throw new Error('--charset must be utf-8, shift_jis or latin1')
  const client = await Sip2Client.connect({
    host: m[1]!,
    port: Number(m[2]),
    charset,
    tls: values.tls ? { ca: values.ca ? readFileSync(values.ca) : undefined } : undefined,
  })
  try {
    const login = await client.request(loginRequest(values.user, values.password))
    if (login.message.fixed.ok !== '1') {
      console.error('login refused (94 ok=0): check --user / --password')
      return 1
    }
    const who: Who = {
      institution: values.institution,
      patronPassword: values['patron-password'],
      at: Date.now(),
    }
    const request = requestFor(command, who)
    print('→', request)
    const answer = await client.request(request)
    print('←', answer.message, answer)
    return 0
  } finally {
    client.close()
  }
}

main()
  .then((code) => {
    process.exitCode = code
  })
  .catch((err: unknown) => {
    console.error(`sip2: ${err instanceof Error ? err.message : String(err)}`)
    process.exitCode = 1
  })
