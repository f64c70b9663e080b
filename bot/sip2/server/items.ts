/**
 * Item messages: checkout (11→12), checkin (09→10) and item information (17→18). Checkout
 * and checkin are the counter's own `lend` and `giveBack` with the kiosk as the actor, so the
 * rules, the audit trail and a returned copy's trip to the hold shelf or into transit are
 * exactly the counter's.
 */
import { and, count, eq, inArray, sql } from 'drizzle-orm'
import { isWithdrawn } from '../../../core/index.ts'
import { copies, holds, loans, places, titles } from '../../../db/schema.ts'
import { giveBack } from '../../counter/give-back.ts'
import { lend } from '../../counter/lend.ts'
import { type Field, type Sip2Message, sipDate, sipDueDate } from '../index.ts'
import type { Request } from './context.ts'
import { checkPatronPassword, findPatron, passwordScreen } from './patron-auth.ts'
import { dueSlip, lendScreen, returnScreen } from './screen.ts'

const NO_PATRON = '利用者番号が見つかりません。カードをお確かめのうえ、カウンターでお尋ねください。'

export async function checkout(r: Request): Promise<Sip2Message> {
  const now = r.deps.now()
  const refused = (screen: string, title = ''): Sip2Message => ({
    code: '12',
    fixed: {
      ok: '0',
      renewalOk: 'N',
      magneticMedia: 'N',
      desensitize: 'N',
      transactionDate: sipDate(now),
    },
    fields: [
      ['AO', r.kiosk.institutionId],
      ['AA', r.get('AA')],
      ['AB', r.get('AB')],
      ['AJ', title],
      ['AH', ''],
      ['AF', screen],
    ],
  })
  const number = r.get('AA')
  const patron = await findPatron(r.deps.db, number)
  const password = await checkPatronPassword(
    r.deps.db,
    number,
    r.get('AD'),
    patron,
    r.deps.wallNow(),
    r.deps.policy,
    r.address,
  )
  if (password === 'wrong' || password === 'locked')
    return refused(passwordScreen(password, r.deps.policy))
  if (!patron) return refused(NO_PATRON)
  const outcome = await lend(r.k, r.kiosk.id, {
    patronId: patron.id,
    barcode: r.get('AB'),
    placeId: r.kiosk.placeId,
  })
  if (!outcome.ok) return refused(lendScreen(outcome))
  return {
    code: '12',
    fixed: {
      ok: '1',
      renewalOk: 'N',
      magneticMedia: 'N',
      desensitize: 'Y',
      transactionDate: sipDate(now),
    },
    fields: [
      ['AO', r.kiosk.institutionId],
      ['AA', number],
      ['AB', outcome.barcode],
      ['AJ', outcome.title],
      ['AH', sipDueDate(outcome.dueDate)],
      ['AF', lendScreen(outcome)],
      ...dueSlip(outcome).map((line): Field => ['AG', line]),
    ],
  }
}

/** SIP2 alert types: a hold for this library, a hold for another, a trip home. */
const ALERT = { holdHere: '01', holdElsewhere: '02', transit: '04' } as const

export async function checkin(r: Request): Promise<Sip2Message> {
  const now = r.deps.now()
  const outcome = await giveBack(r.k, r.kiosk.id, {
    barcode: r.get('AB'),
    placeId: r.kiosk.placeId,
  })
  const base: Field[] = [
    ['AO', r.kiosk.institutionId],
    ['AB', r.get('AB')],
  ]
  if (!outcome.ok)
    return {
      code: '10',
      fixed: {
        ok: '0',
        resensitize: 'N',
        magneticMedia: 'N',
        alert: 'N',
        transactionDate: sipDate(now),
      },
      fields: [...base, ['AQ', ''], ['AF', returnScreen(outcome)]],
    }
  const alert = outcome.hold
    ? outcome.hold.placeName === r.kiosk.placeName
      ? ALERT.holdHere
      : ALERT.holdElsewhere
    : outcome.transitToName
      ? ALERT.transit
      : null
  const fields: Field[] = [
    ...base,
    ['AQ', (!outcome.hold && outcome.transitToName) || r.kiosk.placeName],
    ['AJ', outcome.title],
  ]
  // The patron the copy is held for is not shown at a public kiosk; staff see it at the counter.
  if (alert) fields.push(['CV', alert])
  if (outcome.hold) fields.push(['CT', outcome.transitToName ?? outcome.hold.placeName])
  fields.push(['AF', returnScreen(outcome)])
  return {
    code: '10',
    fixed: {
      ok: '1',
      resensitize: alert ? 'N' : 'Y',
      magneticMedia: 'N',
      alert: alert ? 'Y' : 'N',
      transactionDate: sipDate(now),
    },
    fields,
  }
}

const WITHDRAWN_SCREEN = 'この資料は除籍済みのため、貸出できません。カウンターにお持ちください。'

/** SIP2 circulation status for a copy's status. */
const CIRCULATION: Record<string, string> = {
  on_shelf: '03',
  on_loan: '04',
  on_hold_shelf: '08',
  in_transit: '10',
  missing: '13',
}

export async function itemInformation(r: Request): Promise<Sip2Message> {
  const db = r.deps.db
  const barcode = r.get('AB').normalize('NFKC')
  const [row] = barcode
    ? await db.orm
        .select({
          c: copies,
          title: titles.title,
          titleWithdrawnAt: titles.withdrawnAt,
          place: places.name,
        })
        .from(copies)
        .innerJoin(titles, eq(titles.id, copies.titleId))
        .leftJoin(places, eq(places.id, copies.currentPlaceId))
        .where(eq(copies.barcode, barcode))
    : []
  const date = sipDate(r.deps.now())
  if (!row)
    return {
      code: '18',
      fixed: {
        circulationStatus: '01',
        securityMarker: '00',
        feeType: '01',
        transactionDate: date,
      },
      fields: [
        ['AB', r.get('AB')],
        ['AJ', ''],
        ['AF', 'この資料番号の資料は見つかりません。カウンターでお尋ねください。'],
      ],
    }
  const [queue] = await db.orm
    .select({ n: count() })
    .from(holds)
    .where(
      and(
        eq(holds.titleId, row.c.titleId),
        inArray(holds.state, ['waiting', 'in_transit', 'ready']),
      ),
    )
  const [loan] = await db.orm
    .select({ dueDate: loans.dueDate })
    .from(loans)
    .where(sql`${loans.copyId} = ${row.c.id} AND ${loans.returnedAt} IS NULL`)
  const fields: Field[] = [['CF', String(queue?.n ?? 0)]]
  if (loan) fields.push(['AH', sipDueDate(loan.dueDate)])
  fields.push(['AB', row.c.barcode], ['AJ', row.title], ['AP', row.place ?? ''])
  // A withdrawn copy (除籍) is out of circulation: 'other', never 'available', unless on loan.
  const withdrawn =
    !loan &&
    isWithdrawn({ copyWithdrawnAt: row.c.withdrawnAt, titleWithdrawnAt: row.titleWithdrawnAt })
  if (withdrawn) fields.push(['AF', WITHDRAWN_SCREEN])
  return {
    code: '18',
    fixed: {
      circulationStatus: withdrawn ? '01' : (CIRCULATION[row.c.status] ?? '01'),
      securityMarker: '02',
      feeType: '01',
      transactionDate: date,
    },
    fields,
  }
}
