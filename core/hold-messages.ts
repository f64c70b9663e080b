/** What a patron is told when a hold request is refused: why, and what to do next. */
import { type HoldNoticeFacts, holdNoticeCall, holdNoticeText } from './hold-notice.ts'
import { type Contact, contactFor, phoneLine, pickupContact, titleText } from './messages.ts'
import type { Policy } from './policy.ts'
import {
  ACTIVE_HOLD_STATES,
  type HoldState,
  type PhonePlace,
  type Text,
  type Title,
} from './types.ts'

interface TitleRequestView {
  holds: readonly { titleId: number; state: HoldState }[]
  loans: readonly { titleId: number }[]
}

export type HoldRefusalDetail =
  | { reason: 'unreachable' | 'empty' | 'pickup' }
  | { reason: 'not_for_loan' | 'audiobook' | 'duplicate'; title: Title; req: TitleRequestView }
  | { reason: 'limit' | 'av_limit'; current: number; adding: number }

/**
 * The bilingual sentence for a hold refusal. `holder` (ACC-FAMILY) names the card's holder when
 * the reader is someone else on the same LINE account; the sentences about whose loans and
 * holds they are say that name instead of "you".
 */
export function holdMessage(d: HoldRefusalDetail, policy: Policy, holder?: string): Text {
  const p = phoneLine(contactFor(policy))
  switch (d.reason) {
    case 'unreachable':
      // ACC-PASSWORD: LINE reaches a patron who follows the official account with the card
      // linked; the rule also counts a confirmed e-mail address, which the library registers.
      return {
        ja: `予約には、ご用意ができたことをお知らせできる連絡先が必要です。LINEで図書館の公式アカウントを友だち追加して（ブロックしている場合は解除して）カードを連携するか、図書館のカウンターでメールアドレスを登録してから、もう一度お試しください。ご不明な点は${p.ja}へお問い合わせください。`,
        en: `To place a hold we need a way to tell you when it is ready. Please add the library's official account as a friend in LINE (or unblock it) and link your card, or register an e-mail address at a library counter, then try again. For help, contact ${p.en}.`,
      }
    case 'empty':
      return {
        ja: '予約する資料が選ばれていません。資料を選んでから、もう一度お試しください。',
        en: 'No items were chosen. Please choose what you would like to reserve and try again.',
      }
    case 'pickup':
      return {
        ja: '選ばれた受取場所が見つかりません。一覧から受取場所を選び直してください。',
        en: 'We could not find that pickup place. Please choose one from the list again.',
      }
    case 'not_for_loan': {
      const t = titleText(d.title.name)
      return {
        ja: `${t.ja}は禁帯出資料（館内でのみご利用いただける資料）のため、予約できません。所蔵している図書館でご覧ください。`,
        en: `${cap(t.en)} is for reference use in the library only, so it cannot be reserved. You are welcome to read it at a library that holds it.`,
      }
    }
    case 'audiobook': {
      const t = titleText(d.title.name)
      return {
        ja: `${t.ja}は録音図書のため、障害者サービスにご登録の方のみ予約できます。登録については${p.ja}へお問い合わせください。`,
        en: `${cap(t.en)} is an audio book for print-disabled readers and can be reserved only by patrons registered for that service. To register, contact ${p.en}.`,
      }
    }
    case 'duplicate':
      return duplicateMessage(d.title, d.req, holder)
    case 'limit':
      return limitMessage(policy.holdLimit.total, d, { ja: '', en: '' }, holder)
    case 'av_limit':
      return limitMessage(
        policy.holdLimit.av,
        d,
        { ja: 'CD・DVD・ビデオの', en: 'CD, DVD and video ' },
        holder,
      )
  }
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

function duplicateMessage(title: Title, req: TitleRequestView, holder?: string): Text {
  const t = titleText(title.name)
  if (req.loans.some((l) => l.titleId === title.id))
    return holder
      ? {
          ja: `${t.ja}は${holder}さんのカードで借りているため、予約できません。`,
          en: `${holder}'s card has ${t.en} on loan now, so it cannot be reserved.`,
        }
      : {
          ja: `${t.ja}は現在お借りになっているため、予約できません。`,
          en: `You have ${t.en} on loan now, so it cannot be reserved.`,
        }
  if (req.holds.some((h) => h.titleId === title.id && ACTIVE_HOLD_STATES.includes(h.state)))
    return holder
      ? {
          ja: `${t.ja}は${holder}さんのカードですでに予約されています。予約状況は予約中一覧でご確認ください。`,
          en: `${holder}'s card already has a hold on ${t.en}. You can see it in the list of holds.`,
        }
      : {
          ja: `${t.ja}はすでに予約されています。予約状況は予約中一覧でご確認ください。`,
          en: `You already have a hold on ${t.en}. You can see it in your list of holds.`,
        }
  return {
    ja: `${t.ja}が2回選ばれています。1回だけ選んで、もう一度お試しください。`,
    en: `${cap(t.en)} was chosen twice. Please choose it once and try again.`,
  }
}

/** 「予約は1人15点までです。15点中14点予約中のため、あと1点までです（今回3点）。」 */
function limitMessage(
  limit: number,
  { current, adding }: { current: number; adding: number },
  kind: Text,
  holder?: string,
): Text {
  const left = Math.max(0, limit - current)
  const counted = `${kind.ja}予約は1人${limit}点までです（窓口での予約を含みます。用意できて確保中の資料も数えます）。`
  const after = `（今回のお申し込みは${adding}点）。予約した資料を受け取るか、予約を取り消すと、また予約できます。`
  if (holder) {
    const room =
      left > 0
        ? { ja: `あと${left}点までです`, en: `${left} more can be added` }
        : { ja: 'これ以上予約できません', en: 'no more can be added' }
    return {
      ja: `${counted}${holder}さんのカードは${limit}点中${current}点予約中のため、${room.ja}${after}`,
      en: `Each card can have up to ${limit} ${kind.en}holds, including counter holds and items ready for pickup. ${holder}'s card has ${current} of ${limit}, so ${room.en} (this request has ${adding}). Collecting or cancelling one of its holds makes room.`,
    }
  }
  const room =
    left > 0
      ? { ja: `あと${left}点までです`, en: `you can add ${left} more` }
      : { ja: 'これ以上予約できません', en: 'you cannot add any more' }
  return {
    ja: `${counted}${limit}点中${current}点予約中のため、${room.ja}${after}`,
    en: `You can have up to ${limit} ${kind.en}holds, including counter holds and items ready for pickup. You have ${current} of ${limit}, so ${room.en} (this request has ${adding}). Collect or cancel a hold to make room.`,
  }
}

/**
 * The confirmation after holds are placed, which the app's 完了 page shows (POST /api/holds):
 * HOLD-SCOPE, a copy on the shelf is not promised at once; NOTICE-SLOTS, how and when the
 * patron will hear from the library, as `notice` says (never LINE when no LINE push will
 * come). `count` is the holds placed (each volume of a set is one); `holder` names another
 * card's holder (ACC-FAMILY). One idea a line, joined by \n, in this order: what happened,
 * then how they will hear (or why they will not, and what to do), so each can be shown apart.
 */
export function holdsPlacedMessage(
  count: number,
  setCount: number,
  pickup: ConfirmedPlace,
  policy: Policy,
  notice: HoldNoticeFacts,
  holder?: string,
): Text {
  const slots = policy.noticeSlots[pickup.kind === 'locker' ? 'locker' : 'standard']
  const place = confirmationContact(policy, pickup)
  const told = holdNoticeText(notice, slots, place, { plural: count > 1, holder })
  const whose = holder
    ? { ja: `${holder}さんの予約を${count}点受け付けました。`, en: `${holder}'s ` }
    : { ja: `${count}点の予約を受け付けました。`, en: 'Your ' }
  const placed = {
    ja: `${whose.ja}受取場所は${pickup.name}です。`,
    en: `${whose.en}${count === 1 ? 'hold has' : `${count} holds have`} been placed for pickup at ${pickup.nameEn ?? pickup.name}.`,
  }
  const set = {
    ja: '上・下巻などのセットは、巻の順番にご用意します。',
    en: 'Volumes of a set will be made ready in order.',
  }
  const shelf = {
    ja: '書架にある資料でも、すぐにご用意できるとは限りません。',
    en: 'Items on the shelf may still take a little while to prepare.',
  }
  const first = setCount > 0 ? [placed, set, shelf] : [placed, shelf]
  return {
    ja: [...first.map((t) => t.ja), ...told.ja].join('\n'),
    en: [...first.map((t) => t.en), ...told.en].join('\n'),
  }
}

/**
 * Whom the confirmation names to phone when no notice will come: the pickup place; a locker's
 * or a station's library, never the locker (pickupContact); the library-wide contact if unknown.
 */
function confirmationContact(policy: Policy, pickup: ConfirmedPlace): Contact {
  const { phone } = pickup
  return phone ? pickupContact(policy, { ...pickup, phone }) : contactFor(policy)
}

/** With `runBy` for a locker or a station: the library the patron phones (pickupContact). */
export interface ConfirmedPlace {
  name: string
  nameEn?: string
  kind: string
  phone?: string
  runBy?: PhonePlace
}

/** What a placed hold shows of itself for its confirmation (the API's Hold has these). */
export interface ConfirmedHold {
  /** null when the library system does not say (front mode): the route names the one asked. */
  pickupPlace: ConfirmedPlace | null
  set: { groupId: number } | null
}

/**
 * The confirmation when the holds were placed but could not be read back (the library system
 * stopped answering just after): that they were, and where to see the rest. Never an error:
 * the patron must not place them again.
 */
export function holdsPlacedUnlisted(count: number): Text {
  return {
    ja: `${count}点の予約を受け付けました。\n受取場所や順番は、予約中一覧でご確認ください。`,
    en:
      count === 1
        ? 'Your hold has been placed.\nPlease see your list of holds for where to collect it and your place in the queue.'
        : `Your ${count} holds have been placed.\nPlease see your list of holds for where to collect them and your place in the queue.`,
  }
}

/**
 * The confirmation of `holds` just placed (one pickup place for all, as a cart is placed), in
 * both languages: each volume of a set counts as one, each set once. Empty when none was.
 */
export function placedHoldsMessage(
  holds: readonly ConfirmedHold[],
  policy: Policy,
  notice: HoldNoticeFacts,
  holder?: string,
): Text {
  const pickup = holds[0]?.pickupPlace
  if (!pickup) return { ja: '', en: '' }
  const sets = new Set(holds.flatMap((h) => (h.set ? [h.set.groupId] : []))).size
  return holdsPlacedMessage(holds.length, sets, pickup, policy, notice, holder)
}

/**
 * Whom the confirmation of `holds` asks the patron to phone (no notice will come: its
 * what-to-do line names them), for the 完了 page's call button; null when it asks nobody.
 */
export function placedHoldsCall(
  holds: readonly ConfirmedHold[],
  policy: Policy,
  notice: HoldNoticeFacts,
): Contact | null {
  const pickup = holds[0]?.pickupPlace
  return pickup ? holdNoticeCall(notice, confirmationContact(policy, pickup)) : null
}
