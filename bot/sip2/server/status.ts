/**
 * Login (93→94), SC status (99→98), and the two messages bunko does not support: fee paid
 * (37→38, payment not accepted: Japanese public libraries charge no fines) and item status
 * update (19→20, item properties not changed).
 */
import { type Sip2Message, sipDate } from '../index.ts'
import type { Kiosk, Sip2Deps } from './context.ts'

/** The messages this server answers, in the standard's BX order (16 positions). */
const SUPPORTED = [
  ['patronStatus', true],
  ['checkout', true],
  ['checkin', true],
  ['blockPatron', true],
  ['scAcsStatus', true],
  ['requestResend', true],
  ['login', true],
  ['patronInformation', true],
  ['endPatronSession', true],
  ['feePaid', false],
  ['itemInformation', true],
  ['itemStatusUpdate', false],
  ['patronEnable', true],
  ['hold', true],
  ['renew', true],
  ['renewAll', true],
] as const

export const loginResponse = (ok: boolean): Sip2Message => ({
  code: '94',
  fixed: { ok: ok ? '1' : '0' },
  fields: [],
})

export function acsStatus(deps: Sip2Deps, kiosk: Kiosk): Sip2Message {
  return {
    code: '98',
    fixed: {
      onlineStatus: 'Y',
      checkinOk: 'Y',
      checkoutOk: 'Y',
      acsRenewalPolicy: 'Y',
      statusUpdateOk: 'N',
      offlineOk: 'N',
      // How long the kiosk should wait for an answer (tenths of a second): not fixed here, so
      // "999", the standard's "unknown". The idle timeout is another thing, told in README.
      timeoutPeriod: '999',
      retriesAllowed: '003',
      dateTimeSync: sipDate(deps.now()),
      protocolVersion: '2.00',
    },
    fields: [
      ['AO', kiosk.institutionId],
      ['AM', kiosk.placeName],
      ['BX', SUPPORTED.map(([, on]) => (on ? 'Y' : 'N')).join('')],
      ['AN', kiosk.login],
    ],
  }
}

const NO_FEES = 'この図書館では延滞料などの料金はかかりません。お支払いは不要です。'

export function feePaid(deps: Sip2Deps, kiosk: Kiosk, patron: string): Sip2Message {
  return {
    code: '38',
    fixed: { paymentAccepted: 'N', transactionDate: sipDate(deps.now()) },
    fields: [
      ['AO', kiosk.institutionId],
      ['AA', patron],
      ['AF', NO_FEES],
    ],
  }
}

export function itemStatusUpdate(deps: Sip2Deps, item: string): Sip2Message {
  return {
    code: '20',
    fixed: { itemPropertiesOk: '0', transactionDate: sipDate(deps.now()) },
    fields: [
      ['AB', item],
      ['AF', '資料の情報はこの機械からは変更できません。カウンターでお尋ねください。'],
    ],
  }
}
