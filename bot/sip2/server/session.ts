/**
 * One kiosk connection's conversation, apart from its socket: frames in, frames out. It keeps
 * who signed in (93), the last answer (for 97, resend) and the charset. A frame that cannot
 * be read gets 96 (the standard's "please resend"); anything but a login before a login, or
 * too many bad frames in a row, closes the connection. Nothing here logs a patron number.
 */

import { errorName } from '../../log.ts'
import {
  type Charset,
  decodeFrame,
  encodeFrame,
  field,
  fitText,
  type Sip2Message,
  Sip2Problem,
} from '../index.ts'
import { counterFor, type Kiosk, requestOf, type Sip2Deps } from './context.ts'
import { hold } from './hold.ts'
import { checkin, checkout, itemInformation } from './items.ts'
import { signInKiosk } from './kiosks.ts'
import { blockPatron, endSession, patronEnable, patronInformation, patronStatus } from './patron.ts'
import { renew, renewAll } from './renew.ts'
import { acsStatus, feePaid, itemStatusUpdate, loginResponse } from './status.ts'

export interface SessionOptions {
  charset: Charset
  /** The connection's remote address: the kiosk and patron password lockouts count by it. */
  address?: string | null
}

/** What to do after a frame: send these bytes (if any), and maybe close. */
export interface Reply {
  bytes: Uint8Array | null
  close: boolean
}

const RESEND: Sip2Message = { code: '96', fixed: {}, fields: [] }
/** Unreadable frames in a row before the connection is given up. */
const MAX_BAD_FRAMES = 5

type Handler = (r: ReturnType<typeof requestOf>) => Promise<Sip2Message>

const HANDLERS: Record<string, Handler> = {
  '23': patronStatus,
  '63': patronInformation,
  '11': checkout,
  '09': checkin,
  '17': itemInformation,
  '29': renew,
  '65': renewAll,
  '15': hold,
  '01': blockPatron,
  '25': patronEnable,
  '35': endSession,
  '37': async (r) => feePaid(r.deps, r.kiosk, r.get('AA')),
  '19': async (r) => itemStatusUpdate(r.deps, r.get('AB')),
}

export class Sip2Session {
  kiosk: Kiosk | null = null
  private last: Uint8Array | null = null
  private bad = 0
  private readonly k

  constructor(
    private readonly deps: Sip2Deps,
    private readonly opts: SessionOptions,
  ) {
    this.k = counterFor(deps)
  }

  async handle(bytes: Uint8Array): Promise<Reply> {
    let msg: Sip2Message
    let sequence: number | null
    let checked: boolean
    try {
      ;({ message: msg, sequence, checked } = decodeFrame(bytes, { charset: this.opts.charset }))
    } catch (err) {
      if (!(err instanceof Sip2Problem)) throw err
      this.deps.log.warn('sip2.bad_frame', { kind: err.kind, kiosk: this.kiosk?.login ?? null })
      this.bad++
      return { bytes: this.encode(RESEND, null, true), close: this.bad >= MAX_BAD_FRAMES }
    }
    this.bad = 0
    if (msg.code === '97')
      return { bytes: this.last ?? this.encode(RESEND, null, true), close: false }
    if (msg.code === '93') return this.login(msg, sequence, checked)
    if (!this.kiosk) {
      this.deps.log.warn('sip2.before_login', { code: msg.code })
      return { bytes: null, close: true }
    }
    const institution = field(msg, 'AO')?.trim()
    if (institution && institution !== this.kiosk.institutionId) {
      // A kiosk speaks for its own institution only: a misconfigured one is not acted for.
      this.deps.log.warn('sip2.wrong_institution', { code: msg.code, kiosk: this.kiosk.login })
      return { bytes: null, close: true }
    }
    let answer: Sip2Message | null
    try {
      answer = await this.answer(this.kiosk, msg)
    } catch (err) {
      // The library system failed mid-request: the kiosk reconnects and asks again.
      this.deps.log.error('sip2.failed', { code: msg.code, error: errorName(err) })
      return { bytes: null, close: true }
    }
    if (!answer) {
      this.deps.log.warn('sip2.unexpected', { code: msg.code, kiosk: this.kiosk.login })
      return { bytes: this.encode(RESEND, null, true), close: false }
    }
    return { bytes: this.remember(answer, sequence, checked), close: false }
  }

  private async answer(kiosk: Kiosk, msg: Sip2Message): Promise<Sip2Message | null> {
    if (msg.code === '99') return acsStatus(this.deps, kiosk)
    const handler = HANDLERS[msg.code]
    if (!handler) return null
    return handler(requestOf(this.deps, this.k, kiosk, msg, this.opts.address ?? null))
  }

  private async login(msg: Sip2Message, sequence: number | null, checked: boolean): Promise<Reply> {
    const signed = await signInKiosk(
      this.deps.db,
      {
        login: field(msg, 'CN') ?? '',
        password: field(msg, 'CO') ?? '',
        address: this.opts.address ?? undefined,
      },
      this.deps.wallNow(),
      this.deps.policy,
    )
    this.kiosk = signed.ok ? signed.value : null
    this.deps.log.info(signed.ok ? 'sip2.login' : 'sip2.login_refused', {
      kiosk: signed.ok ? signed.value.login : null,
      reason: signed.ok ? null : signed.reason,
    })
    return { bytes: this.remember(loginResponse(signed.ok), sequence, checked), close: false }
  }

  private remember(msg: Sip2Message, sequence: number | null, checked: boolean): Uint8Array {
    this.last = this.encode(msg, sequence, checked)
    return this.last
  }

  /** An answer carries the request's sequence number, and a checksum if the request had one. */
  private encode(raw: Sip2Message, sequence: number | null, checksum: boolean): Uint8Array {
    const opts = { charset: this.opts.charset, sequence, checksum }
    // A title or a name may hold the field separator or a line break: shown as a space.
    const msg = {
      ...raw,
      fields: raw.fields.map(([id, v]) => [id, v.replace(/[|\r\n]/g, ' ')] as const),
    }
    try {
      return encodeFrame(msg, opts)
    } catch (err) {
      if (!(err instanceof Sip2Problem) || err.kind !== 'bad_charset') throw err
      // A Latin-1 kiosk cannot show a Japanese title: it gets `?` rather than no answer. AS and
      // CD are the holds a 64 lists, by title (patron.ts): one title the charset cannot carry
      // left the whole answer unsent, and the patron's every hold with it.
      const words = new Set(['AE', 'AF', 'AG', 'AJ', 'AM', 'AP', 'AQ', 'AS', 'BS', 'CD', 'CT'])
      const fields = msg.fields.map(
        ([id, v]) => [id, words.has(id) ? fitText(v, this.opts.charset) : v] as const,
      )
      return encodeFrame({ ...msg, fields }, opts)
    }
  }
}
