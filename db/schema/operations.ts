/** Security and housekeeping: login attempts, link nonces, webhook ids, staff, audit, scheduler. */
import { sql } from 'drizzle-orm'
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { bool, places } from './catalogue.ts'
import { patrons } from './patrons.ts'

/**
 * ACC-SECRET lockout bookkeeping. `key` is what is guessed at: `patron:<number>` for the
 * patron login and reset pages, `staff:<login>` for the counter. Rows are kept per attempt
 * so the window is a simple count; old rows are pruned.
 */
export const loginAttempts = sqliteTable(
  'login_attempts',
  {
    id: integer('id').primaryKey(),
    key: text('key').notNull(),
    at: integer('at').notNull(),
    ok: bool('ok').notNull(),
    /** False while the secret is still being checked (db/lockout.ts beginAttempt). */
    checked: bool('checked').notNull().default(true),
  },
  (t) => [index('login_attempts_key_idx').on(t.key, t.at), index('login_attempts_at_idx').on(t.at)],
)

/** LINE-LINK nonces: the SHA-256 of a ≥128-bit random nonce, single use, short-lived. */
export const linkNonces = sqliteTable(
  'link_nonces',
  {
    nonceHash: text('nonce_hash').primaryKey(),
    patronId: integer('patron_id')
      .notNull()
      .references(() => patrons.id),
    /** The LINE user the link token was issued for, when known. */
    lineUserId: text('line_user_id'),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
    /** A random claim written with used_at, so the batch that spent the nonce knows it did. */
    usedBy: text('used_by'),
  },
  (t) => [index('link_nonces_expires_idx').on(t.expiresAt)],
)

/**
 * Webhook requests per Japan-time day, for the staff statistics (issue 20): how many requests
 * and events arrived and how many were answered within LINE's 2 s. One row a day, bumped by
 * one upsert per request, so the page never reads the pruned `webhook_events`.
 */
export const webhookDays = sqliteTable('webhook_days', {
  /** `YYYY-MM-DD`, Japan time. */
  day: text('day').primaryKey(),
  requests: integer('requests').notNull().default(0),
  events: integer('events').notNull().default(0),
  /** Requests (and their events) answered within 2,000 ms of arrival. */
  requestsFast: integer('requests_fast').notNull().default(0),
  eventsFast: integer('events_fast').notNull().default(0),
})

/**
 * ACC-RESET-LINKED: a reset of a linked patron waits for a confirm from that LINE account.
 * The id is the SHA-256 of the one-time token in the confirm button; the new password is kept
 * only as its hash, and only until it is confirmed, used or expired.
 */
export const passwordResets = sqliteTable(
  'password_resets',
  {
    tokenHash: text('token_hash').primaryKey(),
    patronId: integer('patron_id')
      .notNull()
      .references(() => patrons.id),
    /** The linked LINE account that must confirm. */
    lineUserId: text('line_user_id').notNull(),
    passwordHash: text('password_hash').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
  },
  (t) => [index('password_resets_patron_idx').on(t.patronId)],
)

/** Per-client request counters (hono-rate-limiter's store): one fixed window per key. */
export const rateLimits = sqliteTable(
  'rate_limits',
  {
    key: text('key').primaryKey(),
    hits: integer('hits').notNull(),
    resetAt: integer('reset_at').notNull(),
  },
  (t) => [index('rate_limits_reset_idx').on(t.resetAt)],
)

/** Webhook event ids already handled, so redeliveries are skipped. Pruned after a few days. */
export const webhookEvents = sqliteTable(
  'webhook_events',
  {
    eventId: text('event_id').primaryKey(),
    receivedAt: integer('received_at').notNull(),
  },
  (t) => [index('webhook_events_received_idx').on(t.receivedAt)],
)

/**
 * Counter staff, and self-check kiosks (role 'kiosk'): a kiosk signs in over SIP2 with its
 * login and password, names its `institution_id` (SIP2 `AO`) and acts at `place_id`. Kiosk
 * actions are audited under the kiosk's row, so statistics can count them by role.
 */
export const staff = sqliteTable('staff', {
  id: integer('id').primaryKey(),
  login: text('login').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: text('role').$type<'staff' | 'admin' | 'kiosk'>().notNull().default('staff'),
  /** For kiosks: the SIP2 institution id (`AO`) it must send. */
  institutionId: text('institution_id'),
  /** For kiosks: the library it stands in (where it lends and takes back). */
  placeId: integer('place_id').references(() => places.id),
  disabled: bool('disabled').notNull().default(false),
  createdAt: integer('created_at').notNull(),
})

/** Counter sessions; `id` is the SHA-256 of the cookie token, never the token itself. */
export const staffSessions = sqliteTable(
  'staff_sessions',
  {
    id: text('id').primaryKey(),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    /**
     * The outcome of the session's last POST, waiting for the GET it redirected to (JSON,
     * bot/counter/flash.ts); read once and cleared, so a reload shows the page without it.
     */
    flash: text('flash'),
  },
  (t) => [
    index('staff_sessions_staff_idx').on(t.staffId),
    index('staff_sessions_expires_idx').on(t.expiresAt),
  ],
)

/** Keys in an audit entry's before/after JSON that name a patron (bot/counter/audit.ts). */
export const AUDIT_PATRON_KEYS = ['patronId', 'borrowerId', 'holderId'] as const

/**
 * An audit entry about an item (a copy, a loan, a hold, a title, or a barcode scanned that is
 * no copy) that still names a patron: a reading record. Entries about the patron's account
 * (`patron:`), staff and the clock are not. SQL text, not bound parameters, so that the same
 * words in a query let SQLite use the partial index below.
 */
export const AUDIT_NAMES_PATRON = `substr(subject, 1, instr(subject, ':')) IN
    ('copy:', 'loan:', 'hold:', 'title:', 'barcode:')
  AND (${['before', 'after']
    .flatMap((col) => AUDIT_PATRON_KEYS.map((k) => `json_extract(${col}, '$.${k}') IS NOT NULL`))
    .join(' OR ')})`

/**
 * Every staff action: who, when, what, on whom, before and after (JSON). The patron's own
 * actions through LINE (links, blocks, renewals, holds, cancels) are here too, with no staff
 * and `channel` = 'line', so the statistics can count each channel.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey(),
    staffId: integer('staff_id').references(() => staff.id),
    at: integer('at').notNull(),
    action: text('action').notNull(),
    /** What was acted on, e.g. `copy:1234`, `patron:56`, `hold:78`. */
    subject: text('subject').notNull(),
    before: text('before'),
    after: text('after'),
    /** 'line' for LINE chat and the LIFF app; null for staff (counter or kiosk by role). */
    channel: text('channel').$type<'line'>(),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_subject_idx').on(t.subject, t.at),
    // Statistics: counts per action and period, by channel, read from the index alone.
    index('audit_log_action_idx').on(t.action, t.at, t.channel, t.staffId),
    // Entries about an item that still name a patron: what db/retention.ts has left to strip.
    index('audit_log_names_patron_idx').on(t.at).where(sql.raw(AUDIT_NAMES_PATRON)),
  ],
)

/** Scheduler state and other small settings (last slot dispatched, demo clock offset). */
export const kv = sqliteTable('kv', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at').notNull(),
})
