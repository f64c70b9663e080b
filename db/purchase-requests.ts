/**
 * ISBN scan (issue 19 item 6): find bunko's catalogue title for a scanned ISBN, and keep the
 * purchase suggestions (購入リクエスト) patrons send for books the library does not have, with
 * what staff decided on each; once decided, who asked is forgotten after readingRecordDays.
 * The catalogue keeps ISBNs as imported (hyphenated or not): the lookup compares digits, on
 * the expression index titles_isbn_digits_idx (migration 0009, hand-written part).
 */
import { sql } from 'drizzle-orm'
import {
  allow,
  type Decision,
  type IsbnReason,
  parseIsbn13,
  type RecordCutoff,
  refuse,
} from '../core/index.ts'
import { type Db, raw } from './client.ts'
import { type InputReason, inputRefusal, isId } from './refusals.ts'
import type { PurchaseDecision } from './schema.ts'

/** The catalogue title (not withdrawn) with this 13-digit ISBN, or null. */
export async function titleIdByIsbn(db: Db, isbn: string): Promise<number | null> {
  const rows = await db.all<{ id: number }>(sql`SELECT id FROM titles
    WHERE replace(isbn, '-', '') = ${isbn} AND withdrawn_at IS NULL
    ORDER BY id LIMIT 1`)
  return rows[0]?.id ?? null
}

/** At most this many suggestions per patron per Japan day: a form, not a bulk channel. */
export const DAILY_REQUESTS = 10
export const FIELD_MAX = { title: 200, author: 100, note: 500 } as const

export interface PurchaseRequestInput {
  patronId: number
  isbn: string
  title: string
  author: string
  note: string
}

export type PurchaseRequestReason = IsbnReason | InputReason | 'held' | 'too_many'

/**
 * Keep one suggestion, once per patron and ISBN (a repeat answers `duplicate: true`, changing
 * nothing). Refused: a bad ISBN (core), a title the catalogue has, more than DAILY_REQUESTS in
 * the day — the count is checked inside the INSERT, so racing sends cannot pass it.
 */
export async function addPurchaseRequest(
  db: Db,
  input: PurchaseRequestInput,
  now: number,
  dayStart: number,
): Promise<Decision<{ id: number | null; duplicate: boolean }, PurchaseRequestReason>> {
  if (!isId(input.patronId)) return inputRefusal('invalid_input')
  const isbn = parseIsbn13(input.isbn)
  if (!isbn.ok) return isbn
  const title = input.title.trim()
  if (!title || title.length > FIELD_MAX.title) return inputRefusal('invalid_input')
  if (input.author.length > FIELD_MAX.author || input.note.length > FIELD_MAX.note)
    return inputRefusal('invalid_input')
  if ((await titleIdByIsbn(db, isbn.value)) !== null)
    return refuse('held', {
      ja: 'この本は図書館にあります。検索して予約してください。',
      en: 'The library has this book. Please search for it and place a hold.',
    })
  const [rows] = await db.batch([
    raw<{ id: number }>(sql`INSERT INTO purchase_requests
        (patron_id, isbn, title, author, note, created_at)
      SELECT ${input.patronId}, ${isbn.value}, ${title}, ${input.author.trim()},
        ${input.note.trim()}, ${now}
      WHERE (SELECT count(*) FROM purchase_requests
        WHERE patron_id = ${input.patronId} AND created_at >= ${dayStart}) < ${DAILY_REQUESTS}
      ON CONFLICT (patron_id, isbn) DO NOTHING
      RETURNING id`),
  ])
  if (rows[0]) return allow({ id: rows[0].id, duplicate: false })
  const [again] = await db.all<{ id: number }>(sql`SELECT id FROM purchase_requests
    WHERE patron_id = ${input.patronId} AND isbn = ${isbn.value}`)
  if (again) return allow({ id: again.id, duplicate: true })
  return refuse('too_many', {
    ja: `購入リクエストは1日${DAILY_REQUESTS}件までです。明日以降にお送りいただくか、図書館のカウンターでご相談ください。`,
    en: `You can send up to ${DAILY_REQUESTS} purchase suggestions a day. Please send more tomorrow, or ask at a library counter.`,
  })
}

export interface PurchaseRequestRow {
  id: number
  isbn: string
  title: string
  author: string
  note: string
  createdAt: number
  /** Null once the request was decided readingRecordDays ago (forgetDecidedRequests). */
  patronId: number | null
  patronNumber: string | null
  decision: PurchaseDecision | null
  decidedAt: number | null
}

/**
 * For the counter: the open suggestions first, newest first, then the decided ones, the latest
 * decided first. Open ones first so a long history of decided ones never pushes an open one
 * past the limit.
 */
export function listPurchaseRequests(db: Db, limit = 200): Promise<PurchaseRequestRow[]> {
  return db.all<PurchaseRequestRow>(sql`SELECT r.id, r.isbn, r.title, r.author, r.note,
      r.created_at AS createdAt, r.patron_id AS patronId, p.number AS patronNumber,
      r.decision, r.decided_at AS decidedAt
    FROM purchase_requests r LEFT JOIN patrons p ON p.id = r.patron_id
    ORDER BY r.decided_at IS NOT NULL, coalesce(r.decided_at, r.created_at) DESC, r.id DESC
    LIMIT ${limit}`)
}

export const PURCHASE_DECISIONS: readonly PurchaseDecision[] = ['bought', 'borrowed', 'declined']

/** What became of a decision: made, or why not (the request as it now stands). */
export type DecideResult =
  | { changed: true }
  | { changed: false; why: 'missing' }
  | { changed: false; why: 'forgotten' }
  | { changed: false; why: 'already'; decision: PurchaseDecision | null; title: string }

/**
 * Record staff's decision on a request (null: open again, for a decision made by mistake).
 * Only from the state the button was shown for: a decision needs an open request and 未処理に
 * 戻す the decision it was shown with (`was`; any decision when not given), so a colleague's decision made meanwhile (or a double submit) is never
 * overwritten: it answers `already` with what it now is. Only while the request still names its
 * patron: once retention has let go of them there is nobody to tell, so a decision racing the
 * erasing is either before it (and the days count from now) or refused. One batch: the guarded
 * UPDATE and the read of the row as it then is.
 */
export async function decidePurchaseRequest(
  db: Db,
  id: number,
  decision: PurchaseDecision | null,
  now: number,
  was?: PurchaseDecision,
): Promise<DecideResult> {
  if (!isId(id) || (decision !== null && !PURCHASE_DECISIONS.includes(decision)))
    return { changed: false, why: 'missing' }
  // 未処理に戻す undoes the decision its button was shown with (`was`), not a later one.
  const from =
    decision !== null
      ? sql`decision IS NULL`
      : was
        ? sql`decision = ${was}`
        : sql`decision IS NOT NULL`
  const [changed, [row]] = await db.batch([
    raw<{ id: number }>(sql`UPDATE purchase_requests
      SET decision = ${decision}, decided_at = ${decision === null ? null : now}
      WHERE id = ${id} AND patron_id IS NOT NULL AND ${from}
      RETURNING id`),
    raw<{ decision: PurchaseDecision | null; patronId: number | null; title: string }>(sql`SELECT
      decision, patron_id AS patronId, title FROM purchase_requests WHERE id = ${id}`),
  ])
  if (changed.length > 0) return { changed: true }
  if (!row) return { changed: false, why: 'missing' }
  if (row.patronId === null) return { changed: false, why: 'forgotten' }
  return { changed: false, why: 'already', decision: row.decision, title: row.title }
}

/** How many requests are open and decided: the counter's headings, beyond the page's limit. */
export async function countPurchaseRequests(db: Db): Promise<{ open: number; decided: number }> {
  const [row] = await db.all<{ open: number | null; decided: number | null }>(sql`SELECT
      sum(decision IS NULL) AS open, sum(decision IS NOT NULL) AS decided FROM purchase_requests`)
  return { open: Number(row?.open ?? 0), decided: Number(row?.decided ?? 0) }
}

/**
 * Retention's statement (db/retention.ts): requests decided before the cutoff let go of their
 * patron and of the note they wrote, which may say who they are; the book asked for and the
 * decision stay, for the library's counts. An open request is never touched: staff still
 * need to know whom to tell. Oldest decisions first, `n` at a time.
 */
export function forgetDecidedRequests(c: RecordCutoff, n: number) {
  return raw<{ id: number }>(sql`UPDATE purchase_requests SET patron_id = NULL, note = ''
    WHERE id IN (SELECT id FROM purchase_requests
      WHERE decided_at < ${c.before} AND patron_id IS NOT NULL
      ORDER BY decided_at, id LIMIT ${n})
    RETURNING id`)
}
