/**
 * A seeded history with known answers for the staff statistics (issue 20). Links, unlinks and
 * blocks go through the real db operations (so their audit entries are what production writes);
 * channel entries, notices and holds are inserted as rows, dated around NOW (2026-06-10 12:00 JST).
 */
import { sql } from 'drizzle-orm'
import { jstInstant, HIRAKATA_POLICY as policy } from '../../../core/index.ts'
import { type Db, raw } from '../../../db/client.ts'
import { CHANNEL_ACTIONS, recordLineActions } from '../../../db/line-audit.ts'
import { createLinkNonce, linkByNonce, setFollowed, unlink } from '../../../db/links.ts'
import { recordWebhookRequest } from '../../../db/stats/webhook-days.ts'
import { PATRON, PLACE, TITLE } from '../fixture.ts'

export const at = (date: string, time = '12:00') => jstInstant(date, time)
export const STAFF = { desk: 10, kiosk: 11 } as const

async function link(db: Db, patronId: number, lineUserId: string, when: number) {
  const nonce = await createLinkNonce(db, { patronId }, when, policy)
  if (!nonce.ok) throw new Error(nonce.reason)
  const done = await linkByNonce(db, { nonce: nonce.value.nonce, lineUserId }, when, policy)
  if (!done.ok) throw new Error(done.reason)
}

async function staffAudit(db: Db, staffId: number, action: string, when: number, subject: string) {
  await db.batch([
    raw(sql`INSERT INTO audit_log (staff_id, at, action, subject)
      VALUES (${staffId}, ${when}, ${action}, ${subject}) RETURNING id`),
  ])
}

interface HoldRow {
  id: number
  patronId: number
  titleId: number
  place: number
  state: string
  readyAt: number | null
  endedAt?: number
}
async function hold(db: Db, h: HoldRow) {
  await db.batch([
    raw(sql`INSERT INTO holds (id, patron_id, title_id, pickup_place_id, placed_at, state,
        ready_at, ended_at)
      VALUES (${h.id}, ${h.patronId}, ${h.titleId}, ${h.place}, ${at('2026-01-05')}, ${h.state},
        ${h.readyAt}, ${h.endedAt ?? null}) RETURNING id`),
  ])
}

interface NoticeRow {
  id: string
  kind: 'hold_ready' | 'overdue'
  holdId: number | null
  slotKind: 'standard' | 'locker'
  dueAt: number
  state: string
  attempts: number
  sentAt: number | null
  /** A ready notice is queued the moment its hold is ready. */
  createdAt: number
}
async function notice(db: Db, n: NoticeRow) {
  await db.batch([
    raw(sql`INSERT INTO notices (id, key, patron_id, kind, hold_id, slot_kind, due_at, state,
        attempts, sent_at, created_at)
      VALUES (${n.id}, ${`test:${n.id}`}, ${PATRON.alice}, ${n.kind}, ${n.holdId}, ${n.slotKind},
        ${n.dueAt}, ${n.state}, ${n.attempts}, ${n.sentAt}, ${n.createdAt}) RETURNING id`),
  ])
}

export async function seedHistory(db: Db): Promise<void> {
  // LINE account: the fixture links bob (no audit entry: linked before the statistics).
  await link(db, PATRON.dave, 'U-dave', at('2026-05-20'))
  await link(db, PATRON.alice, 'U-alice', at('2026-06-08', '10:00'))
  await unlink(db, 'U-dave', at('2026-06-09'))
  await setFollowed(db, { lineUserId: 'U-bob', followed: false }, at('2026-06-09'))
  // A redelivered unfollow changes nothing and is not counted twice.
  await setFollowed(db, { lineUserId: 'U-bob', followed: false }, at('2026-06-09', '12:01'))
  await setFollowed(db, { lineUserId: 'U-alice', followed: false }, at('2026-06-10', '09:00'))
  await setFollowed(db, { lineUserId: 'U-alice', followed: true }, at('2026-06-10', '10:00'))

  // Channels: LINE entries as the LIFF API writes them; counter and kiosk as staff rows.
  await db.batch([
    raw(sql`INSERT INTO staff (id, login, name, password_hash, role, created_at) VALUES
      (${STAFF.desk}, 'desk', '窓口', 'x', 'staff', 0),
      (${STAFF.kiosk}, 'kiosk-1', '自動貸出機1', 'x', 'kiosk', 0) RETURNING id`),
  ])
  await recordLineActions(db, CHANNEL_ACTIONS.renew, ['loan:1', 'loan:2'], at('2026-06-09'))
  await recordLineActions(db, CHANNEL_ACTIONS.holdPlace, ['hold:100'], at('2026-06-05'))
  await recordLineActions(db, CHANNEL_ACTIONS.holdCancel, ['hold:101'], at('2026-05-01'))
  await staffAudit(db, STAFF.desk, CHANNEL_ACTIONS.renew, at('2026-06-09'), 'loan:3')
  await staffAudit(db, STAFF.desk, CHANNEL_ACTIONS.holdPlace, at('2026-06-10'), 'hold:102')
  await staffAudit(db, STAFF.desk, 'checkout', at('2026-06-10'), 'copy:1')
  await staffAudit(db, STAFF.kiosk, CHANNEL_ACTIONS.renew, at('2026-06-10', '09:00'), 'loan:4')
  await staffAudit(db, STAFF.kiosk, CHANNEL_ACTIONS.renew, at('2026-06-10', '09:05'), 'loan:5')
  await staffAudit(db, STAFF.kiosk, CHANNEL_ACTIONS.holdCancel, at('2026-03-15'), 'hold:103')

  // The hold shelf and the outbox.
  const { alice } = PATRON
  const b = TITLE.book
  await hold(db, {
    id: 1,
    patronId: alice,
    titleId: b(1),
    place: PLACE.central,
    state: 'ready',
    readyAt: at('2026-06-09', '08:00'),
  })
  await hold(db, {
    id: 2,
    patronId: alice,
    titleId: b(2),
    place: PLACE.central,
    state: 'ready',
    readyAt: at('2026-06-09'),
  })
  await hold(db, {
    id: 3,
    patronId: alice,
    titleId: b(3),
    place: PLACE.locker,
    state: 'collected',
    readyAt: at('2026-06-08', '18:00'),
    endedAt: at('2026-06-09', '09:00'),
  })
  await hold(db, {
    id: 4,
    patronId: alice,
    titleId: b(4),
    place: PLACE.kuzuha,
    state: 'ready',
    readyAt: at('2026-06-05', '08:00'),
  })
  await hold(db, {
    id: 5,
    patronId: alice,
    titleId: b(5),
    place: PLACE.kuzuha,
    state: 'ready',
    readyAt: at('2026-06-01'),
  })
  await hold(db, {
    id: 7,
    patronId: alice,
    titleId: b(7),
    place: PLACE.central,
    state: 'collected',
    readyAt: at('2026-04-30', '20:00'),
    endedAt: at('2026-05-02'),
  })
  await hold(db, {
    id: 11,
    patronId: alice,
    titleId: b(11),
    place: PLACE.central,
    state: 'expired',
    readyAt: at('2026-06-01'),
    endedAt: at('2026-06-09'),
  })
  await hold(db, {
    id: 12,
    patronId: alice,
    titleId: b(12),
    place: PLACE.central,
    state: 'expired',
    readyAt: at('2026-05-26'),
    endedAt: at('2026-06-03'),
  })
  await hold(db, {
    id: 13,
    patronId: alice,
    titleId: b(13),
    place: PLACE.locker,
    state: 'expired',
    readyAt: at('2026-05-31'),
    endedAt: at('2026-06-04'),
  })
  await hold(db, {
    id: 14,
    patronId: alice,
    titleId: b(14),
    place: PLACE.central,
    state: 'expired',
    readyAt: at('2026-04-02'),
    endedAt: at('2026-04-10'),
  })
  await hold(db, {
    id: 15,
    patronId: alice,
    titleId: b(15),
    place: PLACE.central,
    state: 'cancelled',
    readyAt: null,
    endedAt: at('2026-06-09'),
  })

  const d = (date: string, time: string, plusMs = 0) => at(date, time) + plusMs
  await notice(db, {
    id: 'n1',
    kind: 'hold_ready',
    holdId: 1,
    slotKind: 'standard',
    dueAt: d('2026-06-09', '10:00'),
    state: 'sent',
    attempts: 1,
    sentAt: d('2026-06-09', '10:01'),
    createdAt: at('2026-06-09', '08:00'),
  })
  await notice(db, {
    id: 'n2',
    kind: 'hold_ready',
    holdId: 2,
    slotKind: 'standard',
    dueAt: d('2026-06-09', '16:00'),
    state: 'sent',
    attempts: 2,
    sentAt: d('2026-06-09', '16:05'),
    createdAt: at('2026-06-09'),
  })
  await notice(db, {
    id: 'n3',
    kind: 'hold_ready',
    holdId: 3,
    slotKind: 'locker',
    dueAt: d('2026-06-08', '19:00'),
    state: 'sent',
    attempts: 1,
    sentAt: d('2026-06-08', '19:00', 30_000),
    createdAt: at('2026-06-08', '18:00'),
  })
  await notice(db, {
    id: 'n4',
    kind: 'hold_ready',
    holdId: 4,
    slotKind: 'standard',
    dueAt: d('2026-06-10', '10:00'),
    state: 'undeliverable',
    attempts: 1,
    sentAt: null,
    createdAt: at('2026-06-05', '08:00'),
  })
  await notice(db, {
    id: 'n5',
    kind: 'overdue',
    holdId: null,
    slotKind: 'standard',
    dueAt: d('2026-06-10', '10:00'),
    state: 'failed',
    attempts: 3,
    sentAt: null,
    createdAt: at('2026-06-09', '01:00'),
  })
  await notice(db, {
    id: 'n6',
    kind: 'overdue',
    holdId: null,
    slotKind: 'standard',
    dueAt: d('2026-06-10', '16:00'),
    state: 'pending',
    attempts: 0,
    sentAt: null,
    createdAt: at('2026-06-10', '01:00'),
  })
  await notice(db, {
    id: 'n7',
    kind: 'hold_ready',
    holdId: 7,
    slotKind: 'standard',
    dueAt: d('2026-05-01', '10:00'),
    state: 'sent',
    attempts: 1,
    sentAt: d('2026-05-01', '10:00'),
    createdAt: at('2026-04-30', '20:00'),
  })

  // Webhook requests, two on either side of a Japan midnight.
  await recordWebhookRequest(db, { at: at('2026-06-03', '23:30'), events: 1, ms: 100 })
  await recordWebhookRequest(db, { at: at('2026-06-04', '00:10'), events: 5, ms: 100 })
  await recordWebhookRequest(db, { at: at('2026-06-09'), events: 3, ms: 150 })
  await recordWebhookRequest(db, { at: at('2026-06-09', '13:00'), events: 1, ms: 2500 })
  await recordWebhookRequest(db, { at: at('2026-06-10', '11:00'), events: 2, ms: 10 })
}
