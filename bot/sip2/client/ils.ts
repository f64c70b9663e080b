/**
 * The library's system as SIP2 answers, read into plain values: patron information (63) with
 * its lists, item information (17, cached briefly), renew (29), renew all (65) and hold (15).
 * Fields are read by id wherever they stand. Throws Sip2Failure when there is no answer.
 */
import {
  field,
  fieldsOf,
  fitText,
  holdRequest,
  itemInformationRequest,
  parseSipDate,
  patronInformationRequest,
  renewAllRequest,
  renewRequest,
  type Sip2Message,
  type Who,
} from '../index.ts'
import { Sip2Failure } from './connection.ts'
import type { Sip2Pool } from './pool.ts'

export type PatronList = 'hold' | 'overdue' | 'charged' | 'unavailable'

/** The 14 patron-status flags by the standard's positions. */
export const FLAG = {
  chargeDenied: 0,
  renewalDenied: 1,
  holdDenied: 3,
  cardLost: 4,
  tooManyOverdue: 6,
} as const

export interface PatronInfo {
  /** BL: the system knows the number. */
  valid: boolean
  /** BL N: the system says it does not know it (one that leaves BL out says nothing). */
  unknown: boolean
  /** CQ: the password was right; null when none was sent or the system did not say. */
  passwordOk: boolean | null
  flags: string
  name: string
  screen: string
  counts: { hold: number; overdue: number; charged: number; unavailable: number }
  /** The overdue count came as digits (a system that leaves it blank must be asked for AT). */
  overdueCounted: boolean
  /** The charged count came as digits (a blank one says nothing about loans). */
  chargedCounted: boolean
  /** The items of the list asked for (AS, AT, AU or CD). */
  items: string[]
  /**
   * The registration's expiry, when sent. SIP2 has no standard field for it: PA is the
   * extension several ILSs (and bunko's own server) send; some send BW, the hold message's
   * expiration field, instead.
   */
  expires: number | null
}

export interface ItemInfo {
  barcode: string
  title: string
  /** 18's circulation status (03 available, 04 charged, 08 on hold shelf, 10 in transit). */
  status: string
  dueAt: number | null
  /** CF, the hold queue length. */
  queue: number
  location: string
}

const LIST_FIELD: Record<PatronList, string> = {
  hold: 'AS',
  overdue: 'AT',
  charged: 'AU',
  unavailable: 'CD',
}

const num = (v: string | undefined) => (v && /^\d+$/.test(v.trim()) ? Number(v.trim()) : 0)

function expect(answer: Sip2Message, code: string): Sip2Message {
  // An answer of another type is not this request's: the connection is out of step.
  if (answer.code !== code) throw new Sip2Failure('damaged', true)
  return answer
}

export class Ils {
  private readonly items = new Map<string, { at: number; info: ItemInfo }>()
  /** A 64 has carried a registration expiry date: NOTICE-EXPIRY can be offered. */
  expiryTold = false

  constructor(
    private readonly pool: Sip2Pool,
    private readonly institution: string,
    /** How long a 17 answer is reused (loans and holds pages ask for the same items). */
    private readonly itemCacheMs = 30_000,
  ) {}

  private who(patron: string | undefined, password: string | undefined, at: number): Who {
    return { institution: this.institution, patron, patronPassword: password, at }
  }

  async patron(
    number: string,
    at: number,
    opts: { password?: string; list?: PatronList } = {},
  ): Promise<PatronInfo> {
    const answer = expect(
      await this.pool.read(
        patronInformationRequest(this.who(number, opts.password, at), opts.list),
      ),
      '64',
    )
    const cq = field(answer, 'CQ')
    const counted = (v: string | undefined) => /^\d+$/.test(v?.trim() ?? '')
    const expires = parseSipDate(field(answer, 'PA') ?? field(answer, 'BW') ?? '')
    if (expires !== null) this.expiryTold = true
    return {
      valid: field(answer, 'BL') === 'Y',
      unknown: field(answer, 'BL') === 'N',
      passwordOk: cq === undefined ? null : cq === 'Y',
      flags: answer.fixed.patronStatus ?? ' '.repeat(14),
      name: field(answer, 'AE') ?? '',
      screen: fieldsOf(answer, 'AF').join(' '),
      counts: {
        hold: num(answer.fixed.holdItemsCount),
        overdue: num(answer.fixed.overdueItemsCount),
        charged: num(answer.fixed.chargedItemsCount),
        unavailable: num(answer.fixed.unavailableHoldsCount),
      },
      overdueCounted: counted(answer.fixed.overdueItemsCount),
      chargedCounted: counted(answer.fixed.chargedItemsCount),
      items: opts.list ? fieldsOf(answer, LIST_FIELD[opts.list]).filter((v) => v !== '') : [],
      expires,
    }
  }

  async item(barcode: string, at: number, fresh = false): Promise<ItemInfo> {
    const cached = this.items.get(barcode)
    if (!fresh && cached && Date.now() - cached.at < this.itemCacheMs) return cached.info
    const answer = expect(
      await this.pool.read(itemInformationRequest(this.who(undefined, undefined, at), barcode)),
      '18',
    )
    const info: ItemInfo = {
      barcode,
      title: field(answer, 'AJ') ?? '',
      status: answer.fixed.circulationStatus ?? '01',
      dueAt: parseSipDate(field(answer, 'AH') ?? ''),
      queue: num(field(answer, 'CF')),
      location: field(answer, 'AP') ?? '',
    }
    this.items.set(barcode, { at: Date.now(), info })
    if (this.items.size > 5000) this.items.delete(this.items.keys().next().value as string)
    return info
  }

  forget(barcode: string): void {
    this.items.delete(barcode)
  }

  async renew(number: string, barcode: string, at: number) {
    this.forget(barcode)
    const answer = expect(
      await this.pool.write(renewRequest(this.who(number, undefined, at), barcode)),
      '30',
    )
    return {
      ok: answer.fixed.ok === '1',
      dueAt: parseSipDate(field(answer, 'AH') ?? ''),
      title: field(answer, 'AJ') ?? '',
      screen: fieldsOf(answer, 'AF').join(' '),
    }
  }

  async renewAll(number: string, at: number) {
    const answer = expect(
      await this.pool.write(renewAllRequest(this.who(number, undefined, at))),
      '66',
    )
    return {
      ok: answer.fixed.ok === '1',
      renewed: fieldsOf(answer, 'BM'),
      unrenewed: fieldsOf(answer, 'BN'),
      screen: fieldsOf(answer, 'AF').join(' '),
    }
  }

  /** 15: `+` place, `-` cancel, `*` change pickup; BY 2 (any copy of the title) or 3 (this item). */
  async hold(
    number: string,
    mode: '+' | '-' | '*',
    item: { barcode: string; title?: string; titleLevel: boolean },
    at: number,
    pickup?: string,
  ) {
    const msg = holdRequest(this.who(number, undefined, at), mode, item.barcode, pickup)
    msg.fields.push(['BY', item.titleLevel ? '2' : '3'])
    // The title only names the hold for staff (the item identifies it): a character the
    // system's charset cannot carry becomes `?` rather than failing the hold.
    if (item.title && item.titleLevel)
      msg.fields.push(['AJ', fitText(item.title, this.pool.charset)])
    const answer = expect(await this.pool.write(msg), '16')
    return {
      ok: answer.fixed.ok === '1',
      queuePosition: num(field(answer, 'BR')) || null,
      screen: fieldsOf(answer, 'AF').join(' '),
    }
  }
}
