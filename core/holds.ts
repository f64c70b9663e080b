/**
 * May this patron place these holds? One decision for a whole cart (HOLD-SCOPE, HOLD-NONCIRC,
 * HOLD-AUDIOBOOK, HOLD-DUPLICATE, HOLD-LIMIT, HOLD-PICKUP, HOLD-SET, and the account rules
 * ACC-ELIGIBLE, ACC-EXPIRED, ACC-BLOCK-OVERDUE, ACC-PASSWORD). A cart is taken or refused
 * whole: a patron who reserved 上・下巻 together never ends up holding only 上巻.
 */
import { type AccessReason, accessMessage, isBlocked, isExpired } from './access.ts'
import type { JstDate } from './dates.ts'
import { holdMessage } from './hold-messages.ts'
import type { Policy } from './policy.ts'
import {
  ACTIVE_HOLD_STATES,
  allow,
  type Decision,
  type Hold,
  type Loan,
  type Patron,
  type Place,
  refuse,
  type Title,
} from './types.ts'

export type HoldReason =
  | 'wide_area'
  | 'expired'
  | 'blocked'
  | 'no_password'
  | 'unreachable'
  | 'empty'
  | 'pickup'
  | 'not_for_loan'
  | 'audiobook'
  | 'duplicate'
  | 'limit'
  | 'av_limit'

export interface HoldRequest {
  patron: Patron
  /**
   * ACC-FAMILY: the patron's name when the person placing the holds is someone else on the
   * same LINE account, so a refusal names them rather than "you"; absent for the own card.
   */
  holder?: string
  /** The titles in the cart (one or more). */
  titles: readonly Title[]
  /** The chosen pickup place as found by the caller, or null when the id matched none. */
  pickup: Place | null | undefined
  /** The patron's holds (any state; only active ones count). */
  holds: readonly Hold[]
  /** The patron's current loans. */
  loans: readonly Loan[]
  today: JstDate
  /**
   * Where the holds are placed: 'online' (LINE, the default) or 'counter', where staff place
   * them for a patron in front of them or on the phone. ACC-PASSWORD and ACC-ELIGIBLE limit
   * the online service, so at the counter a patron needs no web password and no channel LINE
   * can reach (the hold shelf asks staff to phone those: bot/counter/notice-reach.ts), and a
   * wide-area patron may reserve. HOLD-LIMIT counts both together (the spec says so), and an
   * expired registration or ACC-BLOCK-OVERDUE refuses both.
   */
  channel?: 'online' | 'counter'
}

/** One hold to create; `volumeOrder` is the title's place (1, 2, …) in its set group. */
export interface PlannedHold {
  titleId: number
  setId: number | null
  volumeOrder: number | null
}

/** Volumes of one set title in the cart, in volume order (HOLD-SET). */
export interface SetGroupPlan {
  setId: number
  titleIds: number[]
}

export interface HoldPlan {
  holds: PlannedHold[]
  setGroups: SetGroupPlan[]
  /** Active holds after placing, in total and of AV. */
  totalAfter: number
  avAfter: number
}

/** Whether a material type counts against the AV limit (HOLD-LIMIT) and renews as AV. */
export function isAv(materialType: Title['materialType'], policy: Policy): boolean {
  return policy.avTypes.includes(materialType)
}

/** Active holds (waiting, in transit, ready) and how many of them are AV (HOLD-LIMIT). */
export function holdCounts(holds: readonly Hold[], policy: Policy): { total: number; av: number } {
  const active = holds.filter((h) => ACTIVE_HOLD_STATES.includes(h.state))
  return { total: active.length, av: active.filter((h) => isAv(h.materialType, policy)).length }
}

/**
 * HOLD-SET: group cart volumes of the same set title (not manga) into set groups, each in
 * volume order (volume number, then title id). A set title alone in the cart is an ordinary
 * hold: there is nothing to keep in order.
 */
export function planSetGroups(titles: readonly Title[]): SetGroupPlan[] {
  const bySet = new Map<number, Title[]>()
  for (const t of titles) {
    if (t.setId === null || t.materialType === 'manga') continue
    bySet.set(t.setId, [...(bySet.get(t.setId) ?? []), t])
  }
  return [...bySet.entries()]
    .filter(([, ts]) => ts.length > 1)
    .sort(([a], [b]) => a - b)
    .map(([setId, ts]) => ({
      setId,
      titleIds: [...ts]
        .sort((a, b) => (a.volume ?? Infinity) - (b.volume ?? Infinity) || a.id - b.id)
        .map((t) => t.id),
    }))
}

function accountProblem(req: HoldRequest, policy: Policy): AccessReason | 'unreachable' | null {
  const { patron } = req
  const online = req.channel !== 'counter'
  if (online && patron.category === 'wide_area') return 'wide_area'
  if (isExpired(patron, req.today)) return 'expired'
  if (isBlocked(req.loans, req.today, policy)) return 'blocked'
  if (!online) return null
  if (!patron.hasPassword) return 'no_password'
  if (!patron.reachable) return 'unreachable'
  return null
}

/** HOLD-NONCIRC, HOLD-AUDIOBOOK, HOLD-DUPLICATE for one cart title. */
function titleProblem(
  t: Title,
  req: HoldRequest,
  seen: Set<number>,
): 'not_for_loan' | 'audiobook' | 'duplicate' | null {
  if (t.notForLoan) return 'not_for_loan'
  if (t.materialType === 'audiobook' && req.patron.category !== 'print_disabled') return 'audiobook'
  const holding = req.holds.some((h) => h.titleId === t.id && ACTIVE_HOLD_STATES.includes(h.state))
  if (holding || seen.has(t.id) || req.loans.some((l) => l.titleId === t.id)) return 'duplicate'
  return null
}

/** Decide a cart of hold requests in one go; the plan says what to create. */
export function placeHolds(req: HoldRequest, policy: Policy): Decision<HoldPlan, HoldReason> {
  const account = accountProblem(req, policy)
  if (account) {
    const message =
      account === 'unreachable'
        ? holdMessage({ reason: account }, policy)
        : accessMessage(account, policy, req.holder)
    return refuse(account, message)
  }
  if (req.titles.length === 0) return refuse('empty', holdMessage({ reason: 'empty' }, policy))
  if (!req.pickup) return refuse('pickup', holdMessage({ reason: 'pickup' }, policy))
  const seen = new Set<number>()
  for (const t of req.titles) {
    const problem = titleProblem(t, req, seen)
    if (problem)
      return refuse(problem, holdMessage({ reason: problem, title: t, req }, policy, req.holder))
    seen.add(t.id)
  }
  const now = holdCounts(req.holds, policy)
  const adding = req.titles.length
  const addingAv = req.titles.filter((t) => isAv(t.materialType, policy)).length
  if (now.total + adding > policy.holdLimit.total)
    return refuse(
      'limit',
      holdMessage({ reason: 'limit', current: now.total, adding }, policy, req.holder),
    )
  if (now.av + addingAv > policy.holdLimit.av)
    return refuse(
      'av_limit',
      holdMessage({ reason: 'av_limit', current: now.av, adding: addingAv }, policy, req.holder),
    )
  const setGroups = planSetGroups(req.titles)
  const orderOf = new Map<number, { setId: number; order: number }>()
  for (const g of setGroups)
    g.titleIds.forEach((id, i) => {
      orderOf.set(id, { setId: g.setId, order: i + 1 })
    })
  const holds = req.titles.map((t) => {
    const g = orderOf.get(t.id)
    return { titleId: t.id, setId: g?.setId ?? null, volumeOrder: g?.order ?? null }
  })
  return allow({ holds, setGroups, totalAfter: now.total + adding, avAfter: now.av + addingAv })
}
