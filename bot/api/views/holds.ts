/**
 * Holds as the app shows them: state, 予約順位 (HOLD-QUEUE), pickup place and pickup-by,
 * whether it can be cancelled or whom to phone (HOLD-CANCEL), whether the pickup place can be
 * changed (HOLD-CHANGE, ACC-BLOCK-OVERDUE) and where the ready notice stands (NOTICE-ONCE).
 */
import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm'
import {
  type Hold as CoreHold,
  changePickup,
  type HoldSummary,
  jstDate,
  type LibraryPlace,
  type LibrarySystem,
  lastSuspendDate,
  type Place,
  type Policy,
  pickupContact,
  placeWithRunner,
} from '../../../core/index.ts'
import type { Db } from '../../../db/client.ts'
import { notices } from '../../../db/schema.ts'
import type { Hold, Lang, NoticeStatus } from '../../../liff/api-types.ts'
import { aboutHolder } from '../holder.ts'
import { reached } from '../library.ts'
import { clockOf, isoJst } from '../time.ts'
import { contactIn } from './pickup-contact.ts'
import { placeName, placesById } from './places.ts'
import { listedTitle, selectIn, summarize, titleRows } from './titles.ts'

export interface HoldViewContext {
  patronId: number
  lang: Lang
  policy: Policy
  /** ACC-BLOCK-OVERDUE applies to the patron now. */
  blocked: boolean
  /** Where pickup places and set holds are read from, and its clock. */
  library: LibrarySystem
  now: number
  /** HOLD-SUSPEND: today (JST) and whether the library system suspends holds; absent: it does not. */
  suspend?: { today: string; enabled: boolean }
  /** ACC-FAMILY: the holder's name when the card is not the reader's own (bot/api/holder.ts). */
  holder?: string
}

const ACTIVE = new Set(['waiting', 'in_transit', 'ready'])

export function isActive(h: { state: string }): boolean {
  return ACTIVE.has(h.state)
}

/** The contract's Hold for each active view, in the order given. */
export async function holdBodies(
  db: Db,
  views: HoldSummary[],
  ctx: HoldViewContext,
): Promise<Hold[]> {
  const active = views.filter(isActive)
  if (active.length === 0) return []
  const [summaries, placeById, noticeOf, groupSizes] = await Promise.all([
    titleRows(
      db,
      active.map((h) => h.titleId),
    ).then((rows) => summarize(db, rows)),
    placesById(
      ctx.library,
      active.flatMap((h) => (h.pickupPlace ? [h.pickupPlace.id] : [])),
      ctx.lang,
    ),
    latestNotices(
      db,
      active.map((h) => h.id),
    ),
    setGroupSizes(ctx, active),
  ])
  return active.map((h) => {
    // A place the library system does not list is shown as the hold names it; none at all
    // (front mode: SIP2's 63 names no pickup place) is shown as none, and the library answers.
    const place = h.pickupPlace
      ? (placeById.get(h.pickupPlace.id) ?? unlistedPlace(h.pickupPlace))
      : null
    // A locker or a station: the library that runs it, when listed (core's pickupContact).
    const pickup =
      place &&
      placeWithRunner(place, place.parentId === null ? null : placeById.get(place.parentId))
    const contact = contactIn(
      pickup ? pickupContact(ctx.policy, pickup) : ctx.policy.contact,
      ctx.lang,
    )
    const cancel = h.cancel
    return {
      id: h.id,
      title: summaries.get(h.titleId) ?? listedTitle({ ...h, id: h.titleId }),
      state: h.state,
      queuePosition: h.queuePosition,
      placedOn: isoJst(h.placedAt).slice(0, 10),
      pickupPlace: place && {
        id: place.id,
        name: placeName(place, ctx.lang),
        kind: place.kind,
        phone: place.phone,
      },
      pickupBy: h.pickupBy,
      inLocker: h.inLocker,
      visit: h.visit && {
        date: jstDate(h.visit.startsAt),
        start: clockOf(h.visit.startsAt),
        end: clockOf(h.visit.endsAt),
      },
      set:
        h.setGroup !== null && h.volume !== null
          ? { groupId: h.setGroup, volume: h.volume, of: groupSizes.get(h.setGroup) ?? h.volume }
          : null,
      // A hold the system could only be asked about by guessing (front mode): nor moved here.
      pickupChangeRefusal:
        !cancel.ok && cancel.reason === 'library_refused'
          ? { reason: 'elsewhere' as const, message: cancel.message[ctx.lang] }
          : changeRefusal(h, pickup ?? libraryItself(ctx.policy), ctx),
      notice: noticeOf.get(h.id) ?? fallbackNotice(h),
      transit:
        h.state === 'in_transit' && place
          ? {
              to: { id: place.id, name: placeName(place, ctx.lang) },
              sentOn: h.transit?.since ? isoJst(h.transit.since).slice(0, 10) : null,
            }
          : null,
      suspend: suspendView(h, ctx),
      ...(cancel.ok
        ? { cancellable: true as const }
        : {
            cancellable: false as const,
            refusal: {
              reason:
                cancel.reason === 'inter_library'
                  ? 'inter_library'
                  : cancel.reason === 'library_refused'
                    ? 'elsewhere'
                    : 'ready_hold',
              message: cancel.message[ctx.lang],
              contact,
            },
          }),
    } satisfies Hold
  })
}

function coreHold(h: HoldSummary, patronId: number): CoreHold {
  return {
    id: h.id,
    patronId,
    titleId: h.titleId,
    materialType: h.materialType as CoreHold['materialType'],
    state: h.state,
    placedAt: h.placedAt,
    pickupPlaceId: h.pickupPlace?.id ?? 0,
    setGroup: h.setGroup,
    volume: h.volume,
    interLibrary: h.interLibrary,
    suspendedUntil: h.suspendedUntil,
  }
}

/**
 * The library itself as a place, for deciding a pickup change of a hold whose place the system
 * does not say (core's rules ask what kind of place it is: a library).
 */
function libraryItself(policy: Policy): Place {
  return {
    id: 0,
    name: policy.contact.ja,
    nameEn: policy.contact.en,
    kind: 'library',
    phone: policy.contact.phone,
  }
}

/** A place as the hold names it, when the library system does not list it. */
function unlistedPlace(p: NonNullable<HoldSummary['pickupPlace']>): LibraryPlace {
  const kinds: readonly string[] = ['library', 'branch_room', 'bookmobile', 'locker']
  const kind = (kinds.includes(p.kind) ? p.kind : 'library') as LibraryPlace['kind']
  return {
    id: p.id,
    name: p.name,
    nameEn: null,
    kind,
    phone: p.phone,
    parentId: null,
    openingHours: null,
  }
}

/** HOLD-SUSPEND: what the list offers for a waiting hold (the date picker's last day). */
function suspendView(h: HoldSummary, ctx: HoldViewContext): Hold['suspend'] {
  if (!ctx.suspend?.enabled || h.state !== 'waiting') return null
  return { until: h.suspendedUntil, latest: lastSuspendDate(ctx.suspend.today, ctx.policy) }
}

/** HOLD-CHANGE as core decides it, asked with the current place as the new one. */
function changeRefusal(
  h: HoldSummary,
  current: Place,
  ctx: HoldViewContext,
): Hold['pickupChangeRefusal'] {
  const decision = changePickup(
    {
      hold: coreHold(h, ctx.patronId),
      patronId: ctx.patronId,
      current,
      next: current,
      blocked: ctx.blocked,
    },
    ctx.policy,
  )
  if (decision.ok) return null
  const said = aboutHolder(decision, ctx.holder, ctx.policy)
  const reason =
    decision.reason === 'blocked'
      ? 'blocked'
      : decision.reason === 'pickup'
        ? 'pickup'
        : 'ready_hold'
  return { reason, message: said.message[ctx.lang] }
}

/**
 * How many holds each set group of the patron has (「3巻中1巻目」), ended ones included: a
 * volume cancelled still counts in its set. Asked only when a set hold is shown.
 */
async function setGroupSizes(ctx: HoldViewContext, views: HoldSummary[]) {
  const sizes = new Map<number, number>()
  if (!views.some((h) => h.setGroup !== null)) return sizes
  const all = reached(
    await ctx.library.holds({ patronId: ctx.patronId, endedSince: 0 }, ctx.now),
    ctx.lang,
  )
  for (const h of all)
    if (h.setGroup !== null) sizes.set(h.setGroup, (sizes.get(h.setGroup) ?? 0) + 1)
  return sizes
}

const NOTICE_STATUS = {
  pending: 'queued',
  sending: 'queued',
  sent: 'sent',
  failed: 'failed',
  undeliverable: 'undeliverable',
} as const

/** The newest hold-ready notice per hold, from the outbox. */
async function latestNotices(db: Db, holdIds: number[]): Promise<Map<number, NoticeStatus>> {
  const rows = await selectIn(holdIds, (slice) =>
    db.orm
      .select({
        holdId: notices.holdId,
        state: notices.state,
        dueAt: notices.dueAt,
        sentAt: notices.sentAt,
        why: notices.lastError,
      })
      .from(notices)
      .where(
        and(
          inArray(notices.holdId, slice),
          eq(notices.kind, 'hold_ready'),
          isNotNull(notices.holdId),
        ),
      )
      .orderBy(desc(notices.createdAt)),
  )
  const out = new Map<number, NoticeStatus>()
  for (const r of rows)
    if (!out.has(r.holdId!))
      out.set(r.holdId!, {
        // The patron's own choice is not a failure to reach them (a patron walk: a patron
        // who turned the notice off was asked whether she had blocked the account).
        status:
          r.state === 'undeliverable' && r.why === 'opted_out' ? 'off' : NOTICE_STATUS[r.state],
        channel: 'line',
        at: isoJst(r.sentAt ?? r.dueAt),
      })
  return out
}

/** A hold whose notice state was recorded without an outbox row (e.g. loaded demo data). */
function fallbackNotice(h: HoldSummary): NoticeStatus | null {
  if (!h.noticeState) return null
  return {
    status: NOTICE_STATUS[h.noticeState],
    channel: 'line',
    at: isoJst(h.readyAt ?? h.placedAt),
  }
}
