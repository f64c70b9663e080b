/**
 * Rows for the retention suites, written straight into the tables (as production's writers
 * leave them), dated around NOW (2026-06-10 12:00 JST). With Hirakata's 3 days the cutoff is
 * 2026-06-07 00:00 JST: what ended before it is erased, what ended on or after it is kept.
 */
import { sql } from 'drizzle-orm'
import { HIRAKATA_POLICY, jstInstant } from '../../../core/index.ts'
import { type Db, raw } from '../../../db/client.ts'
import { PLACE } from '../fixture.ts'

export const at = (date: string, time = '12:00') => jstInstant(date, time)
export const policy = HIRAKATA_POLICY
/** Before the cutoff (erased at NOW) and after it (kept). */
export const OLD = at('2026-06-05')
export const RECENT = at('2026-06-08')
/** What a run that finds nothing to erase returns. */
export const NOTHING = {
  history: 0,
  notices: 0,
  holds: 0,
  loans: 0,
  audit: 0,
  announcements: 0,
  requests: 0,
}

export async function loan(
  db: Db,
  l: { id: number; patronId: number; copyId: number; returnedAt: number | null },
) {
  await db.batch([
    raw(sql`INSERT INTO loans (id, copy_id, patron_id, library_id, loan_date, due_date,
        loaned_at, returned_at)
      VALUES (${l.id}, ${l.copyId}, ${l.patronId}, ${PLACE.central}, '2026-05-20', '2026-06-03',
        ${at('2026-05-20')}, ${l.returnedAt}) RETURNING id`),
  ])
}

export interface HoldRow {
  id: number
  patronId: number
  titleId: number
  state: string
  endedAt?: number | null
  place?: number
  setGroup?: number
  volume?: number
}
export async function hold(db: Db, h: HoldRow) {
  await db.batch([
    raw(sql`INSERT INTO holds (id, patron_id, title_id, pickup_place_id, placed_at, state,
        ended_at, set_group, volume)
      VALUES (${h.id}, ${h.patronId}, ${h.titleId}, ${h.place ?? PLACE.central},
        ${at('2026-05-01')}, ${h.state}, ${h.endedAt ?? null}, ${h.setGroup ?? null},
        ${h.volume ?? null}) RETURNING id`),
  ])
}

export interface NoticeRow {
  id: string
  patronId: number
  kind: 'hold_ready' | 'overdue' | 'due_soon' | 'expiry'
  state: string
  dueAt: number
  loanId?: number
  holdId?: number
  key?: string
  aboutDate?: string
  attempts?: number
  sentAt?: number | null
  createdAt?: number
}
export async function notice(db: Db, n: NoticeRow) {
  await db.batch([
    raw(sql`INSERT INTO notices (id, key, patron_id, kind, hold_id, loan_id, slot_kind, due_at,
        state, attempts, sent_at, created_at, about_date)
      VALUES (${n.id}, ${n.key ?? `test:${n.id}`}, ${n.patronId}, ${n.kind}, ${n.holdId ?? null},
        ${n.loanId ?? null}, 'standard', ${n.dueAt}, ${n.state}, ${n.attempts ?? 1},
        ${n.sentAt ?? (n.state === 'sent' ? n.dueAt + 60_000 : null)},
        ${n.createdAt ?? n.dueAt - 3_600_000}, ${n.aboutDate ?? null}) RETURNING id`),
  ])
}

/** An opted-in My本棚 entry for a loan. */
export async function history(
  db: Db,
  h: { id: number; patronId: number; titleId: number; loanId: number },
) {
  await db.batch([
    raw(sql`INSERT INTO reading_history (id, patron_id, title_id, loan_id, borrowed_on)
      VALUES (${h.id}, ${h.patronId}, ${h.titleId}, ${h.loanId}, '2026-05-20') RETURNING id`),
  ])
}

export async function audit(
  db: Db,
  e: { at: number; subject: string; before?: object | null; after?: object | null },
) {
  const json = (v: object | null | undefined) => (v ? JSON.stringify(v) : null)
  await db.batch([
    raw(sql`INSERT INTO audit_log (staff_id, at, action, subject, before, after)
      VALUES (NULL, ${e.at}, 'test', ${e.subject}, ${json(e.before)}, ${json(e.after)})
      RETURNING id`),
  ])
}

/** Every row of the tables retention touches, in a stable order, to compare whole. */
export async function snapshot(db: Db) {
  const all = (table: string, order: string) =>
    db.all<Record<string, unknown>>(sql.raw(`SELECT * FROM ${table} ORDER BY ${order}`))
  return {
    loans: await all('loans', 'id'),
    holds: await all('holds', 'id'),
    notices: await all('notices', 'id'),
    history: await all('reading_history', 'id'),
    audit: await all('audit_log', 'id'),
    tallies: [
      ...(await all('notice_tallies', 'day, minute, slot_kind, kind')),
      ...(await all('ready_delivery_tallies', 'day, minutes')),
      ...(await all('expired_hold_tallies', 'day, place_id')),
    ],
  }
}

export const ids = (rows: Record<string, unknown>[]) => rows.map((r) => r.id)
