/**
 * A year of activity for the statistics benchmark (issue 20), written straight into the
 * benchmark's SQLite file in a few INSERT … SELECT statements: LINE links and blocks, renewals,
 * holds and cancels on three channels, everyday counter entries the statistics must skip,
 * a year of ended holds with their ready notices and overdue notices, and the webhook days.
 * Scaled to the library's patrons; instants spread at random over the 365 days before `now`.
 */
import Database from 'better-sqlite3'

export interface ActivityCounts {
  audit: number
  notices: number
  endedHolds: number
  links: number
}

const YEAR_MS = 365 * 24 * 60 * 60 * 1000
const DAY = 86_400_000
const JST = 32_400_000

/** A slot on the Japan day of `instant`: 10:00, 16:00, or 19:00 for every 15th (lockers). */
const slotOf = (instant: string, id: string) =>
  `((${instant} + ${JST}) / ${DAY} * ${DAY} - ${JST} + 3600000 *
    CASE WHEN ${id} % 15 = 0 THEN 19 WHEN ${id} % 2 = 0 THEN 16 ELSE 10 END)`

export function writeYearOfActivity(path: string, now: number): ActivityCounts {
  const db = new Database(path)
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = OFF')
    const one = (q: string) => (db.prepare(q).get() as { n: number }).n
    const patrons = one('SELECT max(id) AS n FROM patrons')
    const titles = one('SELECT max(id) AS n FROM titles')
    const places = db.prepare('SELECT id FROM places ORDER BY id').all() as { id: number }[]
    const firstPlace = places[0]?.id ?? 1
    const start = now - YEAR_MS
    const at = `(${start} + abs(random()) % ${YEAR_MS})`
    const seq = (n: number) =>
      `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ${Math.max(1, Math.round(n))})`
    const run = db.transaction(() => {
      // 20 counter staff and 5 kiosks (SIP2), as the kiosk branch records them.
      db.exec(`${seq(25)} INSERT INTO staff (login, name, password_hash, role, created_at)
        SELECT 'bench-' || i, 'bench ' || i, 'x', CASE WHEN i > 20 THEN 'kiosk' ELSE 'staff' END, ${start}
        FROM seq`)
      const staffIds = one("SELECT min(id) AS n FROM staff WHERE login LIKE 'bench-%'")
      const counter = `${staffIds} + abs(random()) % 20`
      const kiosk = `${staffIds} + 20 + abs(random()) % 5`
      const audit = (
        n: number,
        action: string,
        who: 'line' | 'counter' | 'kiosk',
        subject: string,
      ) =>
        db.exec(`${seq(n)} INSERT INTO audit_log (staff_id, at, action, subject, channel)
          SELECT ${who === 'line' ? 'NULL' : who === 'counter' ? counter : kiosk}, ${at}, '${action}',
            ${subject}, ${who === 'line' ? "'line'" : 'NULL'} FROM seq`)
      const patron = `'patron:' || (1 + abs(random()) % ${patrons})`
      const loan = `'loan:' || i`
      const hold = `'hold:' || i`
      // The LINE account: 30% of patrons link in a year; some unlink or block.
      const linked = Math.round(patrons * 0.3)
      db.exec(`${seq(linked)} INSERT OR IGNORE INTO line_links
          (line_user_id, patron_id, linked_at, followed, unfollowed_at)
        SELECT 'Ubench' || i, i, ${at}, i % 20 <> 0, CASE WHEN i % 20 = 0 THEN ${now} ELSE NULL END
        FROM seq`)
      audit(linked, 'line.link', 'line', patron)
      audit(patrons * 0.03, 'line.unlink', 'line', patron)
      audit(patrons * 0.02, 'line.block', 'line', patron)
      // Renewals, holds and cancels by channel.
      audit(patrons * 2.5, 'loan.renew', 'line', loan)
      audit(patrons * 1.75, 'loan.renew', 'counter', loan)
      audit(patrons * 0.75, 'loan.renew', 'kiosk', loan)
      audit(patrons * 2, 'hold.place', 'line', hold)
      audit(patrons * 1, 'hold.place', 'counter', hold)
      audit(patrons * 0.3, 'hold.cancel', 'line', hold)
      audit(patrons * 0.2, 'hold.cancel', 'kiosk', hold)
      // What the counter does all day, which the statistics must not read.
      audit(patrons * 5, 'checkout', 'counter', loan)
      audit(patrons * 5, 'checkin', 'counter', loan)
      audit(patrons * 2, 'patron.lookup', 'counter', patron)
      // A year of holds that ended: collected (90%) or expired uncollected (10%).
      const ended = patrons * 2
      const firstHold = one('SELECT coalesce(max(id), 0) + 1 AS n FROM holds')
      db.exec(`${seq(ended)} INSERT INTO holds (patron_id, title_id, pickup_place_id, placed_at,
          state, ready_at, ended_at)
        SELECT 1 + abs(random()) % ${patrons}, 1 + abs(random()) % ${titles},
          ${firstPlace} + abs(random()) % ${places.length}, r - 1209600000,
          CASE WHEN i % 10 = 0 THEN 'expired' ELSE 'collected' END, r,
          r + 86400000 * (1 + abs(random()) % 8)
        FROM (SELECT i, ${at} AS r FROM seq)`)
      // Their ready notices, due at a slot of the day (NOTICE-SLOTS: 10:00, 16:00, lockers
      // also 19:00), a few failed, undeliverable or retried.
      db.exec(`INSERT INTO notices (id, key, patron_id, kind, hold_id, slot_kind, due_at, state,
          attempts, sent_at, created_at)
        SELECT 'bench-r-' || id, 'bench:hold_ready:' || id, patron_id, 'hold_ready', id,
          CASE WHEN id % 15 = 0 THEN 'locker' ELSE 'standard' END,
          ${slotOf('ready_at', 'id')},
          CASE WHEN id % 50 = 0 THEN 'undeliverable' WHEN id % 97 = 0 THEN 'failed' ELSE 'sent' END,
          CASE WHEN id % 31 = 0 THEN 2 ELSE 1 END,
          CASE WHEN id % 50 = 0 OR id % 97 = 0 THEN NULL ELSE ${slotOf('ready_at', 'id')} + 40000 END,
          ready_at
        FROM holds WHERE id >= ${firstHold}`)
      db.exec(`${seq(patrons)} INSERT INTO notices (id, key, patron_id, kind, slot_kind, due_at,
          state, attempts, sent_at, created_at)
        SELECT 'bench-o-' || i, 'bench:overdue:' || i, 1 + abs(random()) % ${patrons}, 'overdue',
          'standard', d, 'sent', 1, d + 30000, d - 3600000
        FROM (SELECT i, ${slotOf(at, 'i')} AS d FROM seq)`)
      // Every day's webhook traffic.
      db.exec(`${seq(366)} INSERT OR IGNORE INTO webhook_days
          (day, requests, events, requests_fast, events_fast)
        SELECT strftime('%Y-%m-%d', (${start} + i * 86400000 + 32400000) / 1000, 'unixepoch'),
          ${patrons} / 10, ${patrons} / 8, ${patrons} / 10 - 1, ${patrons} / 8 - 2
        FROM seq`)
      return ended
    })
    // No ANALYZE: bunko never runs it, so the plans measured are the ones it gets.
    const endedHolds = run()
    return {
      audit: one('SELECT count(*) AS n FROM audit_log'),
      notices: one('SELECT count(*) AS n FROM notices'),
      endedHolds,
      links: one('SELECT count(*) AS n FROM line_links'),
    }
  } finally {
    db.close()
  }
}
