/**
 * Patron messages: status (23→24), information (63→64), block (01→24), enable (25→26) and
 * end of session (35→36). What blocks a patron is the counter's patron summary, in core's
 * words. Item lists (AS/AT/AU/CD) name what someone reads: they are withheld when a password
 * (AD) came and was wrong or locked. Without AD they are sent, as self-check machines (card in
 * hand) and a fronting adapter polling for notices need them; counts are sent always.
 */
import { and, eq } from 'drizzle-orm'
import type { PatronRow } from '../../../db/facts.ts'
import { patrons } from '../../../db/schema.ts'
import { recordAudit } from '../../counter/audit.ts'
import { type PatronSummary, patronSummary } from '../../counter/patron-summary.ts'
import { type Field, type Sip2Message, sipDate, sipDueDate } from '../index.ts'
import type { Request } from './context.ts'
import {
  checkPatronPassword,
  findPatron,
  type PasswordCheck,
  passwordScreen,
} from './patron-auth.ts'

const LANGUAGE_JAPANESE = '016'
const NO_PATRON = '利用者番号が見つかりません。カードをお確かめのうえ、カウンターでお尋ねください。'

export interface PatronAtKiosk {
  row: PatronRow | null
  summary: PatronSummary | null
  password: PasswordCheck
}

/** The patron named by AA, with AD checked when it came. */
export async function patronAt(r: Request): Promise<PatronAtKiosk> {
  const number = r.get('AA')
  const row = await findPatron(r.deps.db, number)
  const password = await checkPatronPassword(
    r.deps.db,
    number,
    r.get('AD'),
    row,
    r.deps.wallNow(),
    r.deps.policy,
    r.address,
  )
  const summary = row ? await patronSummary(r.deps.db, row.id, r.deps.now(), r.deps.policy) : null
  return { row, summary, password }
}

/** The 14 patron-status flags: what this patron may not do, as the standard numbers them. */
export function statusFlags(p: PatronAtKiosk): string {
  const flags = Array.from({ length: 14 }, () => ' ')
  if (!p.row || !p.summary) return 'Y'.repeat(14)
  const stops = p.summary.blocks.some((b) => b.stopsLending)
  if (stops) for (const i of [0, 1, 3]) flags[i] = 'Y'
  if (p.summary.blocks.some((b) => b.kind === 'long_overdue')) flags[6] = 'Y'
  return flags.join('')
}

/** The screen message for the patron: the password refusal, the first block, or nothing. */
function patronScreen(r: Request, p: PatronAtKiosk): Field[] {
  if (!p.row) return [['AF', NO_PATRON]]
  if (p.password === 'wrong' || p.password === 'locked')
    return [['AF', passwordScreen(p.password, r.deps.policy)]]
  const block = p.summary?.blocks.find((b) => b.stopsLending)
  return block ? [['AF', block.text]] : []
}

function identity(r: Request, p: PatronAtKiosk): Field[] {
  const fields: Field[] = [
    ['AO', r.kiosk.institutionId],
    ['AA', r.get('AA')],
    ['AE', p.row && p.password !== 'wrong' && p.password !== 'locked' ? p.row.name : ''],
    ['BL', p.row ? 'Y' : 'N'],
  ]
  if (p.password !== 'none') fields.push(['CQ', p.password === 'ok' ? 'Y' : 'N'])
  return fields
}

function statusResponse(code: '24' | '26', r: Request, p: PatronAtKiosk): Sip2Message {
  return {
    code,
    fixed: {
      patronStatus: statusFlags(p),
      language: LANGUAGE_JAPANESE,
      transactionDate: sipDate(r.deps.now()),
    },
    fields: [...identity(r, p), ...patronScreen(r, p)],
  }
}

export async function patronStatus(r: Request): Promise<Sip2Message> {
  return statusResponse('24', r, await patronAt(r))
}

/** 25: bunko has no kiosk-placed blocks to lift; it answers with the patron's status as it is. */
export async function patronEnable(r: Request): Promise<Sip2Message> {
  return statusResponse('26', r, await patronAt(r))
}

const count = (n: number) => String(Math.min(n, 9999)).padStart(4, '0')

/** The BP..BQ window (1-based, inclusive) over a list; the whole list when not given. */
function window<T>(r: Request, items: T[]): T[] {
  const start = Math.max(1, Number.parseInt(r.get('BP'), 10) || 1)
  const end = Number.parseInt(r.get('BQ'), 10) || items.length
  return items.slice(start - 1, Math.max(start - 1, end))
}

export async function patronInformation(r: Request): Promise<Sip2Message> {
  const p = await patronAt(r)
  const s = p.summary
  const loans = s?.loans ?? []
  const ready = s?.holds.filter((h) => h.state === 'ready') ?? []
  const unavailable =
    s?.holds.filter((h) => h.state === 'waiting' || h.state === 'in_transit') ?? []
  const overdue = loans.filter((l) => l.overdueDays > 0)
  const fields = identity(r, p)
  if (p.row && p.password !== 'wrong' && p.password !== 'locked') {
    // Summary: position 0 hold items, 1 overdue, 2 charged, 5 unavailable holds; one at a time.
    const wanted = r.msg.fixed.summary?.indexOf('Y') ?? -1
    if (wanted === 0) for (const h of window(r, ready)) fields.push(['AS', h.title])
    if (wanted === 1) for (const l of window(r, overdue)) fields.push(['AT', l.barcode])
    if (wanted === 2) for (const l of window(r, loans)) fields.push(['AU', l.barcode])
    if (wanted === 5) for (const h of window(r, unavailable)) fields.push(['CD', h.title])
    // The registration's last day (no standard field: PA is the extension several ILSs use),
    // so a system fronting this one can tell the patron before it lapses (NOTICE-EXPIRY).
    if (p.row.expiresOn) fields.push(['PA', sipDueDate(p.row.expiresOn)])
  }
  fields.push(...patronScreen(r, p))
  return {
    code: '64',
    fixed: {
      patronStatus: statusFlags(p),
      language: LANGUAGE_JAPANESE,
      transactionDate: sipDate(r.deps.now()),
      holdItemsCount: count(ready.length),
      overdueItemsCount: count(overdue.length),
      chargedItemsCount: count(loans.length),
      fineItemsCount: '0000',
      recallItemsCount: '0000',
      unavailableHoldsCount: count(unavailable.length),
    },
    fields,
  }
}

/**
 * 01: the kiosk kept a card it was told to keep (lost or stolen). The record is suspended in
 * one conditional statement and audited under the kiosk; staff lift it at the counter.
 */
export async function blockPatron(r: Request): Promise<Sip2Message> {
  const row = await findPatron(r.deps.db, r.get('AA'))
  if (row && row.status === 'active') {
    const now = r.deps.now()
    const [done] = await r.deps.db.batch([
      r.deps.db.orm
        .update(patrons)
        .set({ status: 'suspended' })
        .where(and(eq(patrons.id, row.id), eq(patrons.status, 'active')))
        .returning({ id: patrons.id }),
    ])
    if (done[0])
      await recordAudit(r.deps.db, {
        staffId: r.kiosk.id,
        at: now,
        action: 'patron.block',
        subject: `patron:${row.id}`,
        before: { patronId: row.id, status: row.status },
        after: {
          patronId: row.id,
          status: 'suspended',
          cardRetained: r.msg.fixed.cardRetained === 'Y',
        },
      })
  }
  return statusResponse(
    '24',
    r,
    await patronAt({ ...r, get: (id) => (id === 'AD' ? '' : r.get(id)) }),
  )
}

export async function endSession(r: Request): Promise<Sip2Message> {
  return {
    code: '36',
    fixed: { endSession: 'Y', transactionDate: sipDate(r.deps.now()) },
    fields: [
      ['AO', r.kiosk.institutionId],
      ['AA', r.get('AA')],
      ['AF', 'ご利用ありがとうございました。'],
    ],
  }
}
