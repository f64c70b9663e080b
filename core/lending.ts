/**
 * Lending at the counter, and ending a hold nobody collected: the decisions staff meet at the
 * desk. The copy is looked at first (withdrawn, not for loan, already lent, set aside for a
 * hold), then the patron (ACC-EXPIRED, a suspended record, ACC-BLOCK-OVERDUE): a copy that cannot go out
 * is put back whoever asked, and a patron who cannot borrow is told so whatever they brought.
 * The patron's own ready hold is handed over (collected) rather than lent afresh, and a copy
 * already lent to this same patron (scanned twice, or a reload posting the scan again) is
 * answered as done: nothing changes, and nobody is told to check it in.
 *
 * Where the spec is silent: a copy on the open shelf is lent to whoever brings it, even when a
 * hold waits on its title (HOLD-SCOPE: a shelf copy is not promised at once; the counter's pick
 * list sets shelf copies aside for waiting holds). Messages are for the staff at the desk and
 * say what to do next; the patron-facing blocks are said in core's access words elsewhere.
 */
import { isBlocked, isExpired } from './access.ts'
import type { JstDate } from './dates.ts'
import { dateText } from './messages.ts'
import type { Policy } from './policy.ts'
import {
  allow,
  type Decision,
  type HoldState,
  type Loan,
  type Patron,
  refuse,
  type Text,
} from './types.ts'

/** The registration status kept on the patron record; 'suspended' stops lending at once. */
export type PatronStatus = 'active' | 'expired' | 'suspended'

/** The hold a copy is set aside for (in transit to, or on, a hold shelf). */
export interface SetAside {
  holdId: number
  patronId: number
  state: Extract<HoldState, 'in_transit' | 'ready'>
  /** Collected from the bookmobile: a station has no hold shelf, the copy waits to be loaded. */
  bookmobile?: boolean
}

/** What mayLend looks at. */
export interface LendRequest {
  patron: Patron
  /** The record's status: 'expired' counts like a lapsed expiresOn (ACC-EXPIRED). */
  status: PatronStatus
  /** The patron's open loans (ACC-BLOCK-OVERDUE). */
  loans: readonly Loan[]
  copy: {
    /** Withdrawn (除籍) by the import: out of circulation (core/withdrawn.ts). */
    withdrawn: boolean
    /** HOLD-NONCIRC: 禁帯出. */
    notForLoan: boolean
    /** The patron an open loan on this copy is lent to; null when none is open. */
    lentTo: number | null
    setAside: SetAside | null
  }
  today: JstDate
}

/**
 * Lend the copy afresh, hand over the patron's own ready hold (collect = lend), or nothing:
 * the copy is already lent to this patron.
 */
export type LendAction =
  | { kind: 'lend' }
  | { kind: 'collect'; holdId: number }
  | { kind: 'already_lent' }

export type LendReason =
  | 'withdrawn'
  | 'not_for_loan'
  | 'on_loan'
  | 'held_for_other'
  | 'in_transit'
  | 'expired'
  | 'suspended'
  | 'blocked'

/** May this copy be lent to this patron now? See the file comment for the order of checks. */
export function mayLend(req: LendRequest, policy: Policy): Decision<LendAction, LendReason> {
  const { copy } = req
  if (!copy.withdrawn && !copy.notForLoan && copy.lentTo === req.patron.id)
    return allow({ kind: 'already_lent' })
  const reason = lendProblem(req, policy)
  if (reason) return refuse(reason, lendMessage(reason, policy, copy.setAside?.bookmobile))
  const own = req.copy.setAside
  return allow(own ? { kind: 'collect', holdId: own.holdId } : { kind: 'lend' })
}

function lendProblem(req: LendRequest, policy: Policy): LendReason | null {
  const { copy, patron } = req
  if (copy.withdrawn) return 'withdrawn'
  if (copy.notForLoan) return 'not_for_loan'
  if (copy.lentTo !== null) return 'on_loan'
  if (copy.setAside && copy.setAside.patronId !== patron.id) return 'held_for_other'
  if (copy.setAside && copy.setAside.state !== 'ready') return 'in_transit'
  if (req.status === 'expired' || isExpired(patron, req.today)) return 'expired'
  if (req.status === 'suspended') return 'suspended'
  if (isBlocked(req.loans, req.today, policy)) return 'blocked'
  return null
}

/**
 * What the desk is told for each reason: why, and what to do with the copy or the patron. A
 * copy held for the bookmobile goes back where the bookmobile's holds wait, not a hold shelf.
 */
export function lendMessage(reason: LendReason, policy: Policy, bookmobile = false): Text {
  if (reason === 'held_for_other' && bookmobile)
    return {
      ja: 'この資料は別の利用者の予約のために確保されています（自動車文庫で受け渡す予約資料です）。貸し出さずに、自動車文庫の予約資料置き場に戻してください。',
      en: 'This item is set aside for another patron’s hold, to be handed over from the bookmobile. Do not lend it; put it back with the bookmobile’s held items.',
    }
  switch (reason) {
    case 'withdrawn':
      return {
        ja: 'この資料は除籍済み（蔵書から外れた資料）のため、貸出できません。棚には戻さず、除籍資料として担当者に渡してください。',
        en: 'This item has been withdrawn from the collection, so it cannot be lent. Do not put it back on the shelf; give it to the person in charge of withdrawn items.',
      }
    case 'not_for_loan':
      return {
        ja: 'この資料は禁帯出（館内利用のみ）のため、貸出できません。館内でご覧いただくようご案内し、資料は棚に戻してください。',
        en: 'This item is for use in the library only (not for loan). Offer it for reading in the library and put it back on the shelf.',
      }
    case 'on_loan':
      return {
        ja: 'この資料はほかの利用者に貸出中の記録があります。先に返却処理をしてから、もう一度貸出してください。',
        en: 'This item is recorded as on loan to another patron. Check it in first, then lend it again.',
      }
    case 'held_for_other':
      return {
        ja: 'この資料は別の利用者の予約のために確保されています。貸し出さずに、予約棚に戻してください。',
        en: 'This item is set aside for another patron’s hold. Do not lend it; put it back on the hold shelf.',
      }
    case 'in_transit':
      return {
        ja: 'この資料はこの利用者の予約のために受取場所へ回送中です。受取場所で予約棚に置いてから手渡してください。',
        en: 'This item is on its way to the pickup place for this patron’s hold. Hand it over once it is on that hold shelf.',
      }
    case 'expired':
      return {
        ja: '利用者登録が無効（有効期限切れ）のため、貸出できません。登録の更新（貸出カードの作り直し）をしてから貸出してください。',
        en: 'This patron’s registration has lapsed, so nothing can be lent. Renew the registration (re-issue the card) first.',
      }
    case 'suspended':
      return {
        ja: 'この利用者の登録は停止中のため、貸出できません。責任者に確認し、停止が解除されてから貸出してください。',
        en: 'This patron’s registration is suspended, so nothing can be lent. Ask the person in charge; lend only once the suspension is lifted.',
      }
    case 'blocked':
      return {
        ja: `返却期限を${policy.longOverdueDays}日以上過ぎている資料（長期延滞）があるため、貸出できません（予約資料の受け渡しもできません）。延滞している資料を返却していただいてから貸出してください。`,
        en: `This patron has an item more than ${policy.longOverdueDays} days overdue, so nothing can be lent, ready holds included. Lend again once the overdue items are returned.`,
      }
  }
}

/** A ready hold as the expiry rule sees it. */
export interface ExpiryRequest {
  state: HoldState
  /** The last day to collect (HOLD-EXPIRE, HOLD-LOCKER). */
  pickupBy: JstDate | null
  today: JstDate
}

export type ExpireReason = 'not_ready' | 'not_due'

/**
 * HOLD-EXPIRE / HOLD-LOCKER for one hold: only a ready hold whose last day to collect has
 * passed may be ended; on the last day itself the patron may still come.
 */
export function mayExpireHold(req: ExpiryRequest): Decision<null, ExpireReason> {
  if (req.state !== 'ready')
    return refuse('not_ready', {
      ja: 'この予約は確保中（受取待ち）ではないため、期限切れにできません。予約棚の一覧を更新してご確認ください。',
      en: 'This hold is not waiting for pickup, so it cannot be expired. Refresh the hold shelf list.',
    })
  if (req.pickupBy === null || req.pickupBy >= req.today) {
    const by = req.pickupBy ? dateText(req.pickupBy) : null
    return refuse('not_due', {
      ja: `この予約はまだ取置期限${by ? `（${by.ja}）` : ''}を過ぎていないため、期限切れにできません。期限の翌日以降に処理してください。`,
      en: `This hold is still within its pickup period${by ? ` (until ${by.en})` : ''}, so it cannot be expired yet. Expire it after that day.`,
    })
  }
  return allow(null)
}
