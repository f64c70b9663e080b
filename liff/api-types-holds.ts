/**
 * The holds half of the JSON contract (api-types.ts, which re-exports it): a patron's holds,
 * placing a cart, changing the pickup place, suspending and cancelling. Types only.
 */
import type { HoldReason } from '../core/holds.ts'
import type {
  Contact,
  IsoInstant,
  JapanDate,
  PickupKind,
  Refusal,
  TitleSummary,
} from './api-types.ts'

/** waiting = 予約中, in_transit = 回送中 (HOLD-TRANSIT), ready = 確保中; the rest are ended holds. */
export type HoldState = 'waiting' | 'in_transit' | 'ready' | 'collected' | 'cancelled' | 'expired'

/** Refusals of `POST /api/holds`: core's own reasons (core/holds.ts), so the two cannot drift. */
export type HoldPlaceReason = HoldReason

/** HOLD-CANCEL: (a) 確保中, (b) an inter-library request. The refusal names the pickup place. */
/** `elsewhere`: not from LINE (front mode: the library's system cannot tell this hold apart). */
export type CancelRefusalReason = 'ready_hold' | 'inter_library' | 'elsewhere'

/**
 * HOLD-CHANGE: only a hold not yet ready; ACC-BLOCK-OVERDUE also bars it. `elsewhere`: not from
 * LINE (front mode: the library's system cannot tell this hold apart from another).
 */
export type PickupChangeReason = 'ready_hold' | 'blocked' | 'pickup' | 'elsewhere'

/**
 * HOLD-SUSPEND: `POST /api/holds/:id/suspend` refusals (409): set aside already (names the
 * pickup place), a date before today or not a date, more than 90 days ahead; resuming a hold
 * that is not suspended (`DELETE /api/holds/:id/suspend`).
 */
export type SuspendRefusalReason = 'ready_hold' | 'bad_date' | 'too_far' | 'not_suspended'

/** `POST /api/holds/:id/suspend` body: the last day of the suspension (inclusive). 200 `{ hold }`. */
export interface SuspendHoldRequest {
  until: JapanDate
}

/** NOTICE-ONCE: where the hold-ready notice stands, so the app can say it did not arrive. */
export interface NoticeStatus {
  /**
   * `off`: not sent because the patron turned this notice off (undeliverable, their choice,
   * not a block); `undeliverable`: LINE could not reach them (no link, the account blocked).
   */
  status: 'queued' | 'sent' | 'failed' | 'undeliverable' | 'off'
  channel: 'line' | 'email'
  at: IsoInstant
}

export type HoldCancel =
  | { cancellable: true; refusal?: never }
  | { cancellable: false; refusal: Refusal<CancelRefusalReason> & { contact: Contact } }

export type Hold = {
  id: number
  title: TitleSummary
  state: HoldState
  /** 予約順位 (1 = next); null once ready or in transit (HOLD-QUEUE). */
  queuePosition: number | null
  placedOn: JapanDate
  /** null: the library system does not say where it is collected (front mode over SIP2). */
  pickupPlace: { id: number; name: string; kind: PickupKind; phone: string } | null
  /** Collect by this date (HOLD-EXPIRE / HOLD-LOCKER); null until ready. */
  pickupBy: JapanDate | null
  /**
   * HOLD-BOOKMOBILE: a ready station hold's visit (Japan time, `HH:MM`), the one its notice
   * names; `pickupBy` is then the next visit's day. null for any other hold, or when the
   * library system does not say (front mode).
   */
  visit: { date: JapanDate; start: string; end: string } | null
  /** HOLD-LOCKER: ready in the locker and already lent to the patron (so it is in the loans too). */
  inLocker: boolean
  /** HOLD-SET: the set group and this volume's place in it; null for a single hold. */
  set: { groupId: number; volume: number; of: number } | null
  /** null = the pickup place may be changed; otherwise why not. */
  pickupChangeRefusal: Refusal<PickupChangeReason> | null
  /** The hold-ready notice, once one has been queued; null before. */
  notice: NoticeStatus | null
  /**
   * HOLD-TRANSIT: while in_transit, where the copy is going (the pickup place: a locker or a
   * bookmobile station is named, not the library that fills it) and the day it was sent.
   */
  transit: { to: { id: number; name: string }; sentOn: JapanDate | null } | null
  /**
   * HOLD-SUSPEND (休止): for a waiting hold the library system can suspend, the last day of the
   * suspension in force (inclusive; null when not suspended) and the latest day one may choose.
   * null: the hold cannot be suspended (ready, in transit, or not offered).
   */
  suspend: { until: JapanDate | null; latest: JapanDate } | null
} & HoldCancel

/**
 * `GET /api/holds`: active holds (waiting, in_transit, ready) in placed order; holds that
 * ended in the last 7 days may follow, so a patron sees what became of them. The app lists
 * them ready first, then on their way, then waiting by 予約順位 (liff/src/holds-order.ts).
 */
export interface HoldsResponse {
  holds: Hold[]
  counts: { total: number; av: number }
  limits: { total: number; av: number }
}

/** `POST /api/holds`: a cart taken or refused whole (409 with `HoldPlaceReason`). */
export interface PlaceHoldsRequest {
  titleIds: number[]
  pickupPlaceId: number
}

/** 201: the created holds; volumes of one set share `set.groupId` (HOLD-SET). */
export interface PlaceHoldsResponse {
  holds: Hold[]
  /**
   * Core's confirmation in the request's language (HOLD-SCOPE, NOTICE-SLOTS): how many were
   * placed, where they are collected, that a copy on the shelf is not ready at once, and when
   * the library's notices go out (or why none will come, and what to do). One idea a line,
   * lines separated by `\n`: the app shows each as its own paragraph.
   */
  message: string
  /**
   * Whom `message` asks the patron to phone (no notice will come), for a call button by that
   * line: the pickup place, or the library that runs a locker or a bookmobile station. Absent
   * when it asks nobody to phone (and from a server before it).
   */
  contact?: Contact
}

/** `PATCH /api/holds/:id` body; 200 `{ hold }`. */
export interface ChangePickupRequest {
  pickupPlaceId: number
  /** HOLD-SET: move every still-waiting volume of this hold's set too (one statement). */
  wholeSet?: boolean
}

export interface HoldResponse {
  hold: Hold
  /** Every hold the change moved (the whole set's waiting volumes with `wholeSet`). */
  changed?: Hold[]
}

/**
 * `PATCH /api/holds/:id` → 200: the hold with its new pickup place, or null when the library's
 * system made the change and then stopped answering before listing it (the change stands).
 */
export interface ChangePickupResponse {
  hold: Hold | null
  /** Every hold the change moved (the whole set's waiting volumes with `wholeSet`). */
  changed: Hold[]
}
