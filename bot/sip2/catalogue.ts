/**
 * The SIP 2.00 messages bunko knows: each one's code, name, direction and fixed-length parts
 * in wire order. Variable fields need no table — they are read by their two-letter id — but
 * the ids bunko reads and writes are listed in `FIELD_NAMES` for the client's printout.
 * Both directions are here so the server and a client adapter share one codec.
 */

export type FixedKind = 'yn' | 'ynu' | 'flags' | 'digits' | 'date' | 'version' | 'text'

export interface FixedPart {
  name: string
  length: number
  kind: FixedKind
  /** Allowed values when the standard lists them. */
  oneOf?: readonly string[]
}

export interface MessageSpec {
  code: string
  name: string
  /** 'request': kiosk (SC) to library system (ACS); 'response': the other way. */
  direction: 'request' | 'response'
  fixed: readonly FixedPart[]
}

const yn = (name: string): FixedPart => ({ name, length: 1, kind: 'yn' })
const ynu = (name: string): FixedPart => ({ name, length: 1, kind: 'ynu' })
const digits = (name: string, length: number): FixedPart => ({ name, length, kind: 'digits' })
const date = (name = 'transactionDate'): FixedPart => ({ name, length: 18, kind: 'date' })
const text = (name: string, length: number, oneOf?: readonly string[]): FixedPart => ({
  name,
  length,
  kind: 'text',
  ...(oneOf ? { oneOf } : {}),
})
const patronStatus: FixedPart = { name: 'patronStatus', length: 14, kind: 'flags' }
const language = digits('language', 3)
const counts = (...names: string[]) => names.map((n) => digits(n, 4))

const SPECS: MessageSpec[] = [
  // Requests (SC → ACS)
  {
    code: '93',
    name: 'Login',
    direction: 'request',
    fixed: [text('uidAlgorithm', 1), text('pwdAlgorithm', 1)],
  },
  {
    code: '99',
    name: 'SC Status',
    direction: 'request',
    fixed: [
      text('statusCode', 1, ['0', '1', '2']),
      digits('maxPrintWidth', 3),
      { name: 'protocolVersion', length: 4, kind: 'version' },
    ],
  },
  { code: '23', name: 'Patron Status Request', direction: 'request', fixed: [language, date()] },
  {
    code: '63',
    name: 'Patron Information',
    direction: 'request',
    fixed: [language, date(), text('summary', 10)],
  },
  {
    code: '11',
    name: 'Checkout',
    direction: 'request',
    fixed: [yn('scRenewalPolicy'), yn('noBlock'), date(), date('nbDueDate')],
  },
  {
    code: '09',
    name: 'Checkin',
    direction: 'request',
    fixed: [yn('noBlock'), date(), date('returnDate')],
  },
  { code: '01', name: 'Block Patron', direction: 'request', fixed: [yn('cardRetained'), date()] },
  {
    code: '37',
    name: 'Fee Paid',
    direction: 'request',
    fixed: [date(), digits('feeType', 2), digits('paymentType', 2), text('currencyType', 3)],
  },
  { code: '17', name: 'Item Information', direction: 'request', fixed: [date()] },
  { code: '19', name: 'Item Status Update', direction: 'request', fixed: [date()] },
  { code: '25', name: 'Patron Enable', direction: 'request', fixed: [date()] },
  {
    code: '15',
    name: 'Hold',
    direction: 'request',
    fixed: [text('holdMode', 1, ['+', '-', '*']), date()],
  },
  {
    code: '29',
    name: 'Renew',
    direction: 'request',
    fixed: [yn('thirdPartyAllowed'), yn('noBlock'), date(), date('nbDueDate')],
  },
  { code: '65', name: 'Renew All', direction: 'request', fixed: [date()] },
  { code: '35', name: 'End Patron Session', direction: 'request', fixed: [date()] },
  { code: '97', name: 'Request ACS Resend', direction: 'request', fixed: [] },
  // Responses (ACS → SC)
  { code: '94', name: 'Login Response', direction: 'response', fixed: [text('ok', 1, ['0', '1'])] },
  {
    code: '98',
    name: 'ACS Status',
    direction: 'response',
    fixed: [
      yn('onlineStatus'),
      yn('checkinOk'),
      yn('checkoutOk'),
      yn('acsRenewalPolicy'),
      yn('statusUpdateOk'),
      yn('offlineOk'),
      digits('timeoutPeriod', 3),
      digits('retriesAllowed', 3),
      date('dateTimeSync'),
      { name: 'protocolVersion', length: 4, kind: 'version' },
    ],
  },
  {
    code: '24',
    name: 'Patron Status Response',
    direction: 'response',
    fixed: [patronStatus, language, date()],
  },
  {
    code: '64',
    name: 'Patron Information Response',
    direction: 'response',
    fixed: [
      patronStatus,
      language,
      date(),
      ...counts(
        'holdItemsCount',
        'overdueItemsCount',
        'chargedItemsCount',
        'fineItemsCount',
        'recallItemsCount',
        'unavailableHoldsCount',
      ),
    ],
  },
  {
    code: '12',
    name: 'Checkout Response',
    direction: 'response',
    fixed: [
      text('ok', 1, ['0', '1']),
      yn('renewalOk'),
      ynu('magneticMedia'),
      ynu('desensitize'),
      date(),
    ],
  },
  {
    code: '10',
    name: 'Checkin Response',
    direction: 'response',
    fixed: [
      text('ok', 1, ['0', '1']),
      yn('resensitize'),
      ynu('magneticMedia'),
      yn('alert'),
      date(),
    ],
  },
  {
    code: '38',
    name: 'Fee Paid Response',
    direction: 'response',
    fixed: [yn('paymentAccepted'), date()],
  },
  {
    code: '18',
    name: 'Item Information Response',
    direction: 'response',
    fixed: [
      digits('circulationStatus', 2),
      digits('securityMarker', 2),
      digits('feeType', 2),
      date(),
    ],
  },
  {
    code: '20',
    name: 'Item Status Update Response',
    direction: 'response',
    fixed: [text('itemPropertiesOk', 1, ['0', '1']), date()],
  },
  {
    code: '26',
    name: 'Patron Enable Response',
    direction: 'response',
    fixed: [patronStatus, language, date()],
  },
  {
    code: '16',
    name: 'Hold Response',
    direction: 'response',
    fixed: [text('ok', 1, ['0', '1']), yn('available'), date()],
  },
  {
    code: '30',
    name: 'Renew Response',
    direction: 'response',
    fixed: [
      text('ok', 1, ['0', '1']),
      yn('renewalOk'),
      ynu('magneticMedia'),
      ynu('desensitize'),
      date(),
    ],
  },
  {
    code: '66',
    name: 'Renew All Response',
    direction: 'response',
    fixed: [text('ok', 1, ['0', '1']), ...counts('renewedCount', 'unrenewedCount'), date()],
  },
  {
    code: '36',
    name: 'End Session Response',
    direction: 'response',
    fixed: [yn('endSession'), date()],
  },
  { code: '96', name: 'Request SC Resend', direction: 'response', fixed: [] },
]

const BY_CODE = new Map(SPECS.map((s) => [s.code, s]))

export const MESSAGE_SPECS: readonly MessageSpec[] = SPECS

export function messageSpec(code: string): MessageSpec | undefined {
  return BY_CODE.get(code)
}

/** The variable fields bunko uses, by id, for a readable printout. */
export const FIELD_NAMES: Readonly<Record<string, string>> = {
  AA: 'patron identifier',
  AB: 'item identifier',
  AC: 'terminal password',
  AD: 'patron password',
  AE: 'personal name',
  AF: 'screen message',
  AG: 'print line',
  AH: 'due date',
  AJ: 'title identifier',
  AL: 'blocked card msg',
  AM: 'library name',
  AN: 'terminal location',
  AO: 'institution id',
  AP: 'current location',
  AQ: 'permanent location',
  AS: 'hold items',
  AT: 'overdue items',
  AU: 'charged items',
  AV: 'fine items',
  BE: 'e-mail address',
  BF: 'home phone number',
  BL: 'valid patron',
  BM: 'renewed items',
  BN: 'unrenewed items',
  BP: 'start item',
  BQ: 'end item',
  BR: 'queue position',
  BS: 'pickup location',
  BT: 'fee type',
  BW: 'expiration date',
  BX: 'supported messages',
  BY: 'hold type',
  BZ: 'hold items limit',
  CA: 'overdue items limit',
  CB: 'charged items limit',
  CD: 'unavailable hold items',
  CF: 'hold queue length',
  CH: 'item properties',
  CK: 'media type',
  CM: 'hold pickup date',
  CN: 'login user id',
  CO: 'login password',
  CP: 'location code',
  CQ: 'valid patron password',
  CY: 'hold patron id',
  PA: 'patron expiration date (extension)',
}
