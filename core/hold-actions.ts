/**
 * What a patron may do with a hold they already have: cancel it (HOLD-CANCEL), change where to
 * collect it (HOLD-CHANGE), and borrow it once ready (blocked by ACC-BLOCK-OVERDUE).
 */
import { blockedMessage } from './access.ts'
import { pickupPhoneLine, unstaffed } from './messages.ts'
import type { Policy } from './policy.ts'
import { allow, type Decision, type Hold, type Place, refuse, type Text } from './types.ts'

/** States a hold can no longer be acted on in. */
const ENDED: readonly Hold['state'][] = ['collected', 'cancelled', 'expired']
/** 確保中: a copy is set aside (or on its way) for this hold. */
const SET_ASIDE: readonly Hold['state'][] = ['in_transit', 'ready']

export type CancelReason = 'not_yours' | 'ended' | 'ready' | 'inter_library'

function endedMessage(): Text {
  return {
    ja: 'この予約はすでに終了しています（受け取り済み・取消し済み・期限切れのいずれか）。予約中一覧を更新してご確認ください。',
    en: 'This hold has already ended (collected, cancelled or expired). Please refresh your list of holds.',
  }
}

function notYoursMessage(): Text {
  return {
    ja: 'この予約が見つかりません。予約中一覧を更新してご確認ください。',
    en: 'We could not find this hold. Please refresh your list of holds.',
  }
}

/**
 * Whom a patron contacts about a hold: in Japanese ending in the verb's particle, in English
 * the verb and whom (the sentence says "please …"): the pickup place in person or by phone; a
 * locker or a bookmobile station has no staff, so by phone the library that runs it, named
 * with its own number (messages.ts pickupContact).
 */
function whomToContact(pickup: Place | null, policy: Policy): Text {
  const p = pickupPhoneLine(policy, pickup)
  if (pickup && unstaffed(pickup)) return { ja: `${p.ja}へお電話で`, en: `phone ${p.en}` }
  return { ja: `${p.ja}へ直接またはお電話で`, en: `contact ${p.en}, in person or by phone` }
}

/**
 * HOLD-CANCEL: a patron may cancel their own hold online, except one already set aside
 * (確保中, in transit or ready) and an inter-library request: for those they phone the pickup
 * place, which the answer names with its number.
 */
export function cancelHold(
  hold: Hold,
  patronId: number,
  pickup: Place | null,
  policy: Policy,
): Decision<{ holdId: number }, CancelReason> {
  if (hold.patronId !== patronId) return refuse('not_yours', notYoursMessage())
  if (ENDED.includes(hold.state)) return refuse('ended', endedMessage())
  const who = whomToContact(pickup, policy)
  // HOLD-TRANSIT: a copy on its way counts as set aside; the patron phones the place it goes to.
  // Short: the holds list already says where the copy is going, so this says only why and whom.
  if (hold.state === 'in_transit')
    return refuse('ready', {
      ja: `回送中の予約は、オンラインでは取り消せません。取り消すときは、${who.ja}ご連絡ください。`,
      en: `A hold in transit cannot be cancelled online. To cancel it, please ${who.en}.`,
    })
  if (SET_ASIDE.includes(hold.state))
    return refuse('ready', {
      ja: `この資料はすでに図書館で確保中のため、オンラインでは取り消せません。お手数ですが、${who.ja}ご連絡ください。`,
      en: `This item is already set aside at the library, so the hold cannot be cancelled online. Please ${who.en}.`,
    })
  if (hold.interLibrary)
    return refuse('inter_library', {
      ja: `この予約は市内に所蔵のない資料を取り寄せるお申し込みのため、オンラインでは取り消せません。お手数ですが、${who.ja}ご連絡ください。`,
      en: `This hold is a request for an item borrowed from outside the city, so it cannot be cancelled online. Please ${who.en}.`,
    })
  return allow({ holdId: hold.id })
}

export type ChangePickupReason = 'not_yours' | 'ended' | 'ready' | 'pickup' | 'blocked'

export interface ChangePickupRequest {
  hold: Hold
  patronId: number
  /** The hold's current pickup place (named in the refusal for a ready hold). */
  current: Place | null
  /** The new pickup place as found by the caller, or null when the id matched none. */
  next: Place | null | undefined
  /** ACC-BLOCK-OVERDUE applies to the patron (see access.ts isBlocked). */
  blocked: boolean
}

/**
 * HOLD-CHANGE (assumed): the pickup place can be changed while the hold is waiting; once a
 * copy is set aside (in transit or ready) it is at or on its way to the old place, so the
 * answer names that place to phone. Refused while ACC-BLOCK-OVERDUE blocks the patron.
 */
export function changePickup(
  req: ChangePickupRequest,
  policy: Policy,
): Decision<{ holdId: number; pickupPlaceId: number }, ChangePickupReason> {
  const { hold } = req
  if (hold.patronId !== req.patronId) return refuse('not_yours', notYoursMessage())
  if (ENDED.includes(hold.state)) return refuse('ended', endedMessage())
  if (req.blocked) return refuse('blocked', blockedMessage(policy))
  if (SET_ASIDE.includes(hold.state)) {
    const p = pickupPhoneLine(policy, req.current)
    return refuse('ready', {
      ja: `この資料はすでに確保され、受取場所へ用意しているため、受取場所を変更できません。ご相談は${p.ja}へお電話ください。`,
      en: `This item is already set aside at (or on its way to) its pickup place, so the pickup place cannot be changed. If you need help, please phone ${p.en}.`,
    })
  }
  if (!req.next)
    return refuse('pickup', {
      ja: '選ばれた受取場所が見つかりません。一覧から受取場所を選び直してください。',
      en: 'We could not find that pickup place. Please choose one from the list again.',
    })
  return allow({ holdId: hold.id, pickupPlaceId: req.next.id })
}

export type BorrowReadyReason = 'not_yours' | 'not_ready' | 'blocked'

/** ACC-BLOCK-OVERDUE: a ready hold can be borrowed only by its patron, and not while blocked. */
export function mayBorrowReadyHold(
  hold: Hold,
  patronId: number,
  blocked: boolean,
  policy: Policy,
): Decision<{ holdId: number }, BorrowReadyReason> {
  if (hold.patronId !== patronId) return refuse('not_yours', notYoursMessage())
  if (hold.state !== 'ready')
    return refuse('not_ready', {
      ja: 'この予約はまだ受け取れる状態ではありません。用意ができたらお知らせします。',
      en: 'This hold is not ready for pickup yet. We will let you know when it is.',
    })
  if (blocked) return refuse('blocked', blockedMessage(policy))
  return allow({ holdId: hold.id })
}
