/**
 * The audit trail: every staff action at the counter, with who, when, what, on which subject,
 * and the state before and after as JSON. Entries hold ids, barcodes and states, never titles:
 * reading records are private, and the ids lead back to the records for those allowed to look.
 *
 * Top-level `patronId`, `borrowerId` and `holderId` keys in before/after (AUDIT_PATRON_KEYS)
 * are what the console filters a patron's trail by; `copyId` the same for a copy. Entries about
 * an item lose those keys after the Policy's readingRecordDays (db/retention.ts): who borrowed
 * or reserved what is not kept. The entry is written right after the action (the db
 * operations own their batches); see the report in the counter's README.
 */
import { type AnyColumn, desc, eq, or, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../db/client.ts'
import { AUDIT_PATRON_KEYS, auditLog, copies, holds, loans, staff } from '../../db/schema.ts'

export type Json = Record<string, unknown>

export interface AuditEntry {
  staffId: number | null
  at: number
  action: string
  subject: string
  before?: Json | null
  after?: Json | null
}

export async function recordAudit(db: Db, e: AuditEntry): Promise<void> {
  await db.batch([
    db.orm
      .insert(auditLog)
      .values({
        staffId: e.staffId,
        at: e.at,
        action: e.action,
        subject: e.subject.slice(0, 200),
        before: e.before ? JSON.stringify(e.before) : null,
        after: e.after ? JSON.stringify(e.after) : null,
      })
      .returning({ id: auditLog.id }),
  ])
}

/** A copy's circulation state, flat, as audit entries record it. */
export interface CopyState extends Json {
  copyId: number
  barcode: string
  status: string
  placeId: number | null
  /** HOLD-TRANSIT: where the copy is travelling to, or null. */
  transitToId: number | null
  loanId: number | null
  borrowerId: number | null
  dueDate: string | null
  holdId: number | null
  holderId: number | null
  holdState: string | null
  pickupPlaceId: number | null
  pickupBy: string | null
}

export async function copyState(db: Db, copyId: number): Promise<CopyState | null> {
  const [c] = await db.orm.select().from(copies).where(eq(copies.id, copyId))
  if (!c) return null
  const [loan] = await db.orm
    .select()
    .from(loans)
    .where(sql`${loans.copyId} = ${copyId} AND ${loans.returnedAt} IS NULL`)
  const [hold] = await db.orm
    .select()
    .from(holds)
    .where(sql`${holds.copyId} = ${copyId} AND ${holds.state} IN ('in_transit','ready')`)
  return {
    copyId: c.id,
    barcode: c.barcode,
    status: c.status,
    placeId: c.currentPlaceId,
    transitToId: c.transitToId,
    loanId: loan?.id ?? null,
    borrowerId: loan?.patronId ?? null,
    dueDate: loan?.dueDate ?? null,
    holdId: hold?.id ?? null,
    holderId: hold?.patronId ?? null,
    holdState: hold?.state ?? null,
    pickupPlaceId: hold?.pickupPlaceId ?? null,
    pickupBy: hold?.pickupBy ?? null,
  }
}

export async function copyIdByBarcode(db: Db, barcode: string): Promise<number | null> {
  const [c] = await db.orm
    .select({ id: copies.id })
    .from(copies)
    .where(eq(copies.barcode, barcode.trim()))
  return c?.id ?? null
}

/**
 * A scanned copy as a desk action starts from: the barcode as read (NFKC, trimmed: full-width
 * digits from a keyboard-wedge scanner), its copy id and its state before the action.
 */
export async function scannedCopy(db: Db, raw: string) {
  const barcode = raw.normalize('NFKC').trim()
  const copyId = await copyIdByBarcode(db, barcode)
  const before = copyId ? await copyState(db, copyId) : null
  return { barcode, copyId, before }
}

/** A hold's state, flat, with its patron as `holderId`. */
export async function holdState(db: Db, holdId: number): Promise<Json | null> {
  const [h] = await db.orm.select().from(holds).where(eq(holds.id, holdId))
  if (!h) return null
  return {
    holdId: h.id,
    holderId: h.patronId,
    titleId: h.titleId,
    holdState: h.state,
    copyId: h.copyId,
    pickupPlaceId: h.pickupPlaceId,
    pickupBy: h.pickupBy,
    loanId: h.loanId,
  }
}

export interface AuditRow {
  id: number
  at: number
  action: string
  subject: string
  staffName: string | null
  staffLogin: string | null
  /** 'line' when the patron did it themselves through LINE (no staff). */
  channel: string | null
  before: Json | null
  after: Json | null
}

const jsonKey = (col: AnyColumn, key: string) => sql`json_extract(${col}, ${`$.${key}`})`

function mentions(keys: string[], id: number): SQL {
  const parts = keys.flatMap((k) => [
    sql`${jsonKey(auditLog.before, k)} = ${id}`,
    sql`${jsonKey(auditLog.after, k)} = ${id}`,
  ])
  return or(...parts)!
}

/** The latest entries, newest first; with a patron or copy id, only those about it. */
export async function listAudit(
  db: Db,
  filter: { patronId?: number; copyId?: number; limit?: number } = {},
): Promise<AuditRow[]> {
  const where: SQL[] = []
  if (filter.patronId !== undefined)
    where.push(
      or(
        eq(auditLog.subject, `patron:${filter.patronId}`),
        mentions([...AUDIT_PATRON_KEYS], filter.patronId),
      )!,
    )
  if (filter.copyId !== undefined)
    where.push(
      or(eq(auditLog.subject, `copy:${filter.copyId}`), mentions(['copyId'], filter.copyId))!,
    )
  const rows = await db.orm
    .select({ a: auditLog, name: staff.name, login: staff.login })
    .from(auditLog)
    .leftJoin(staff, eq(staff.id, auditLog.staffId))
    .where(where.length ? sql.join(where, sql` AND `) : undefined)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(Math.min(Math.max(filter.limit ?? 100, 1), 500))
  return rows.map(({ a, name, login }) => ({
    id: a.id,
    at: a.at,
    action: a.action,
    subject: a.subject,
    staffName: name,
    staffLogin: login,
    channel: a.channel,
    before: parse(a.before),
    after: parse(a.after),
  }))
}

function parse(text: string | null): Json | null {
  if (!text) return null
  try {
    const v: unknown = JSON.parse(text)
    return v && typeof v === 'object' ? (v as Json) : null
  } catch {
    return null
  }
}
