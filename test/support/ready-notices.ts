/**
 * A slot's worth of work for notice benchmarks and load tests: one library, one title with N
 * copies, N linked patrons each with a ready hold and its hold-ready notice due at `slot`.
 * Plain SQL in one batch, so it loads fast and runs on better-sqlite3 and D1 alike.
 */
import { sql } from 'drizzle-orm'
import { type Db, raw } from '../../db/client.ts'

export async function seedReadyNotices(
  db: Db,
  opts: { n: number; slot: number; pickupBy: string },
): Promise<void> {
  const { n: count, slot, pickupBy } = opts
  const n = sql`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count})`
  const uuid = sql`lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
    substr(hex(randomblob(2)), 2) || '-8' || substr(hex(randomblob(2)), 2) || '-' ||
    hex(randomblob(6)))`
  await db.batch([
    raw(sql`INSERT INTO places (id, code, name, kind, phone)
      VALUES (1, 'central', '中央図書館', 'library', '050-7105-8141') RETURNING id`),
    raw(sql`INSERT INTO titles (id, title, author, material_type, created_at)
      VALUES (1, '銀河鉄道の夜', '宮沢賢治', 'book', 0) RETURNING id`),
    raw(sql`${n} INSERT INTO copies (id, barcode, title_id, home_library_id, status,
        current_place_id) SELECT i, 'B' || i, 1, 1, 'on_hold_shelf', 1 FROM n RETURNING id`),
    raw(sql`${n} INSERT INTO patrons (id, number, name, created_at)
      SELECT i, 'P' || i, 'patron ' || i, 0 FROM n RETURNING id`),
    raw(sql`${n} INSERT INTO line_links (line_user_id, patron_id, linked_at)
      SELECT 'U' || printf('%032x', i), i, 0 FROM n RETURNING id`),
    raw(sql`${n} INSERT INTO holds (id, patron_id, title_id, copy_id, pickup_place_id, placed_at,
        state, ready_at, pickup_by, notice_state)
      SELECT i, i, 1, i, 1, 0, 'ready', ${slot - 3_600_000}, ${pickupBy}, 'pending' FROM n
      RETURNING id`),
    raw(sql`${n} INSERT INTO notices (id, key, patron_id, kind, hold_id, slot_kind, due_at, state,
        attempts, created_at)
      SELECT ${uuid}, 'hold_ready:' || i, i, 'hold_ready', i, 'standard', ${slot}, 'pending', 0, 0
      FROM n RETURNING id`),
  ])
}
