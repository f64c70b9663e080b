/**
 * Request messages built from what a kiosk knows, with the fixed parts filled as a
 * self-check machine fills them (Japanese language code, local date, no-block N).
 * Shared by the command-line client, the tests and a client adapter.
 */
import { sipDate } from './dates.ts'
import type { Field, Sip2Message } from './fields.ts'

export interface Who {
  institution: string
  patron?: string
  patronPassword?: string
  /** Transaction time (epoch ms). */
  at: number
}

const patronFields = (w: Who): Field[] => [
  ['AO', w.institution],
  ['AA', w.patron ?? ''],
  ...(w.patronPassword !== undefined ? [['AD', w.patronPassword] as Field] : []),
]

const LANGUAGE_JAPANESE = '016'

export const loginRequest = (user: string, password: string, location = ''): Sip2Message => ({
  code: '93',
  fixed: { uidAlgorithm: '0', pwdAlgorithm: '0' },
  fields: [
    ['CN', user],
    ['CO', password],
    ['CP', location],
  ],
})

export const scStatusRequest = (): Sip2Message => ({
  code: '99',
  fixed: { statusCode: '0', maxPrintWidth: '040', protocolVersion: '2.00' },
  fields: [],
})

export const patronStatusRequest = (w: Who): Sip2Message => ({
  code: '23',
  fixed: { language: LANGUAGE_JAPANESE, transactionDate: sipDate(w.at) },
  fields: [...patronFields(w), ['AC', '']],
})

/** `summary`: which list to send — 'hold', 'overdue', 'charged' or 'unavailable'; or none. */
export function patronInformationRequest(
  w: Who,
  summary?: 'hold' | 'overdue' | 'charged' | 'unavailable',
  range?: { start: number; end: number },
): Sip2Message {
  const at = { hold: 0, overdue: 1, charged: 2, unavailable: 5 }
  const flags = Array.from({ length: 10 }, (_, i) =>
    summary !== undefined && at[summary] === i ? 'Y' : ' ',
  ).join('')
  return {
    code: '63',
    fixed: { language: LANGUAGE_JAPANESE, transactionDate: sipDate(w.at), summary: flags },
    fields: [
      ...patronFields(w),
      ['AC', ''],
      ...(range
        ? ([
            ['BP', String(range.start)],
            ['BQ', String(range.end)],
          ] as Field[])
        : []),
    ],
  }
}

export const checkoutRequest = (w: Who, item: string): Sip2Message => ({
  code: '11',
  fixed: {
    scRenewalPolicy: 'N',
    noBlock: 'N',
    transactionDate: sipDate(w.at),
    nbDueDate: ' '.repeat(18),
  },
  fields: [...patronFields(w), ['AB', item], ['AC', '']],
})

export const checkinRequest = (w: Who, item: string): Sip2Message => ({
  code: '09',
  fixed: { noBlock: 'N', transactionDate: sipDate(w.at), returnDate: sipDate(w.at) },
  fields: [
    ['AP', ''],
    ['AO', w.institution],
    ['AB', item],
    ['AC', ''],
  ],
})

export const itemInformationRequest = (w: Who, item: string): Sip2Message => ({
  code: '17',
  fixed: { transactionDate: sipDate(w.at) },
  fields: [
    ['AO', w.institution],
    ['AB', item],
  ],
})

export const renewRequest = (w: Who, item: string): Sip2Message => ({
  code: '29',
  fixed: {
    thirdPartyAllowed: 'N',
    noBlock: 'N',
    transactionDate: sipDate(w.at),
    nbDueDate: ' '.repeat(18),
  },
  fields: [...patronFields(w), ['AB', item]],
})

export const renewAllRequest = (w: Who): Sip2Message => ({
  code: '65',
  fixed: { transactionDate: sipDate(w.at) },
  fields: patronFields(w),
})

/** `+` place, `-` cancel, `*` change pickup (to `pickup`, a place id or name). */
export const holdRequest = (
  w: Who,
  mode: '+' | '-' | '*',
  item: string,
  pickup?: string,
): Sip2Message => ({
  code: '15',
  fixed: { holdMode: mode, transactionDate: sipDate(w.at) },
  fields: [...(pickup ? [['BS', pickup] as Field] : []), ...patronFields(w), ['AB', item]],
})

export const endSessionRequest = (w: Who): Sip2Message => ({
  code: '35',
  fixed: { transactionDate: sipDate(w.at) },
  fields: patronFields(w),
})

export const blockPatronRequest = (w: Who, reason: string): Sip2Message => ({
  code: '01',
  fixed: { cardRetained: 'Y', transactionDate: sipDate(w.at) },
  fields: [
    ['AO', w.institution],
    ['AL', reason],
    ['AA', w.patron ?? ''],
    ['AC', ''],
  ],
})

export const patronEnableRequest = (w: Who): Sip2Message => ({
  code: '25',
  fixed: { transactionDate: sipDate(w.at) },
  fields: patronFields(w),
})

export const feePaidRequest = (w: Who, amount: string): Sip2Message => ({
  code: '37',
  fixed: { transactionDate: sipDate(w.at), feeType: '01', paymentType: '00', currencyType: 'JPY' },
  fields: [['BV', amount], ...patronFields(w)],
})

export const itemStatusUpdateRequest = (w: Who, item: string): Sip2Message => ({
  code: '19',
  fixed: { transactionDate: sipDate(w.at) },
  fields: [
    ['AO', w.institution],
    ['AB', item],
    ['CH', 'x'],
  ],
})

export const resendRequest = (): Sip2Message => ({ code: '97', fixed: {}, fields: [] })
