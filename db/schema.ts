/**
 * The library's data, for SQLite (better-sqlite3) and Cloudflare D1 alike.
 *
 * Conventions: an instant is INTEGER milliseconds since the epoch (`Date.now()`); a calendar
 * date in Japan is TEXT `YYYY-MM-DD`, which sorts and compares correctly as a string. Booleans
 * are INTEGER 0/1. Enumerations are TEXT checked by the application (core/types.ts).
 * Catalogue search (FTS5 trigram) lives in a custom migration, not here: drizzle has no
 * virtual tables. Partial unique indexes carry the rules that must hold even when two
 * requests race (one active hold per patron and title, one holder per copy, one open loan
 * per copy); every operation also checks them in its statements' WHERE clauses.
 */

export * from './schema/announcements.ts'
export * from './schema/catalogue.ts'
export * from './schema/circulation.ts'
export * from './schema/operations.ts'
export * from './schema/patrons.ts'
export * from './schema/personal.ts'
export * from './schema/requests.ts'
export * from './schema/tallies.ts'
