/**
 * Who may use the online service (ACC-ELIGIBLE, ACC-PASSWORD, ACC-BLOCK-OVERDUE, ACC-EXPIRED).
 * Each check returns a Decision whose refusal says why and what to do next.
 */
import { addDays, daysBetween, type JstDate } from './dates.ts'
import { type Contact, contactFor, phoneLine } from './messages.ts'
import type { Policy } from './policy.ts'
import { allow, type Decision, type Loan, type Patron, refuse, type Text } from './types.ts'

export type AccessReason = 'wide_area' | 'expired' | 'blocked' | 'no_password'

/** What the access rules look at: the patron, their current loans, and today's Japan date. */
export interface AccessContext {
  patron: Patron
  loans: readonly Loan[]
  today: JstDate
}

/** ACC-BLOCK-OVERDUE: loans policy.longOverdueDays or more past their due date (長期延滞, 「60日以上」). */
export function longOverdueLoans(loans: readonly Loan[], today: JstDate, policy: Policy): Loan[] {
  return loans.filter((l) => daysBetween(l.dueDate, today) >= policy.longOverdueDays)
}

/**
 * ACC-BLOCK-OVERDUE as a due date, for a store that must check it in the same statement as
 * the change it guards (D1 has no transactions): an open loan due on or before this date
 * blocks. Agrees with isBlocked for every date.
 */
export function longOverdueDueBy(today: JstDate, policy: Policy): JstDate {
  return addDays(today, -policy.longOverdueDays)
}

/** ACC-BLOCK-OVERDUE: whether any loan blocks online use. */
export function isBlocked(loans: readonly Loan[], today: JstDate, policy: Policy): boolean {
  return longOverdueLoans(loans, today, policy).length > 0
}

/** ACC-EXPIRED: the registration lapsed through long non-use. */
export function isExpired(patron: Patron, today: JstDate): boolean {
  return patron.expiresOn !== null && today > patron.expiresOn
}

/**
 * The refusal for a patron blocked by a long-overdue loan. `holder` (ACC-FAMILY) names the
 * card's holder when the reader is someone else on the same LINE account: "you" would be wrong.
 */
export function blockedMessage(policy: Policy, holder?: string): Text {
  const p = phoneLine(contactFor(policy))
  const n = policy.longOverdueDays
  if (holder)
    return {
      ja: `${holder}さんのカードに${n}日以上返却期限を過ぎている資料があるため、このカードではご利用いただけません。至急ご返却ください。返却が済むと、またご利用いただけます。ご不明な点は${p.ja}へお問い合わせください。`,
      en: `${holder}'s card has an item ${n} or more days overdue, so this service is not available for that card. Please return it as soon as possible; the card can be used again once it is back. Questions: ${p.en}.`,
    }
  return {
    ja: `${n}日以上返却期限を過ぎている資料があるため、ご利用いただけません。至急ご返却ください。返却が済むと、またご利用いただけます。ご不明な点は${p.ja}へお問い合わせください。`,
    en: `You have an item ${n} or more days overdue, so this service is not available. Please return it as soon as possible; you can use the service again once it is back. Questions: ${p.en}.`,
  }
}

/** The answer for every access refusal reason; `holder` as for blockedMessage. */
export function accessMessage(reason: AccessReason, policy: Policy, holder?: string): Text {
  const p = phoneLine(contactFor(policy))
  switch (reason) {
    case 'wide_area':
      return {
        ja: `広域利用の方は、Webサービス（LINE連携を含む）をご利用いただけません。貸出・予約は図書館の窓口でお申し込みください。ご不明な点は${p.ja}へお問い合わせください。`,
        en: `Wide-area (partner city) registrations cannot use the online service, including LINE. Please borrow and reserve at a library counter. Questions: ${p.en}.`,
      }
    case 'expired':
      return holder
        ? {
            ja: `${holder}さんの利用者登録は、長期間ご利用がなかったため無効になっています。図書館の窓口で貸出カードを作り直すか、図書館ホームページからスマート登録をしてください。ご不明な点は${p.ja}へお問い合わせください。`,
            en: `${holder}'s registration has lapsed after a long time without use. It can be renewed by re-registering at a library counter or through Smart Registration on the library website. Questions: ${p.en}.`,
          }
        : {
            ja: `長期間ご利用がなかったため、利用者登録が無効になっています。図書館の窓口で貸出カードを作り直すか、図書館ホームページからスマート登録をしてください。ご不明な点は${p.ja}へお問い合わせください。`,
            en: `Your registration has lapsed after a long time without use. Please re-register at a library counter or through Smart Registration on the library website. Questions: ${p.en}.`,
          }
    case 'blocked':
      return blockedMessage(policy, holder)
    case 'no_password':
      return holder
        ? {
            ja: `${holder}さんのカードには、Webサービスのパスワードがまだ登録されていません。「新規パスワード登録」からパスワードを登録してから、もう一度お試しください。`,
            en: `No web-service password has been registered for ${holder}'s card yet. Please register one under "Register a new password", then try again.`,
          }
        : {
            ja: 'Webサービスのパスワードがまだ登録されていません。「新規パスワード登録」からパスワードを登録してから、もう一度お試しください。',
            en: 'You have not registered a web-service password yet. Please register one under "Register a new password", then try again.',
          }
  }
}

function check(
  ctx: AccessContext,
  policy: Policy,
  needPassword: boolean,
): Decision<null, AccessReason> {
  const reason = accessProblem(ctx, policy, needPassword)
  return reason ? refuse(reason, accessMessage(reason, policy)) : allow(null)
}

function accessProblem(
  { patron, loans, today }: AccessContext,
  policy: Policy,
  needPassword: boolean,
): AccessReason | null {
  if (patron.category === 'wide_area') return 'wide_area'
  if (isExpired(patron, today)) return 'expired'
  if (isBlocked(loans, today, policy)) return 'blocked'
  if (needPassword && !patron.hasPassword) return 'no_password'
  return null
}

/**
 * May this patron log in (after the password was verified)? ACC-ELIGIBLE, ACC-EXPIRED,
 * ACC-BLOCK-OVERDUE, ACC-PASSWORD, in that order: the most lasting reason is said first.
 */
export function mayLogIn(ctx: AccessContext, policy: Policy): Decision<null, AccessReason> {
  return check(ctx, policy, true)
}

/** May this patron register a first password or reset a forgotten one (ACC-RESET precondition)? */
export function mayRegisterPassword(
  ctx: AccessContext,
  policy: Policy,
): Decision<null, AccessReason> {
  return check(ctx, policy, false)
}

/** May this patron link LINE (LINE-LINK: needs a web password; wide-area may not)? */
export function mayLinkLine(ctx: AccessContext, policy: Policy): Decision<null, AccessReason> {
  return check(ctx, policy, true)
}

/**
 * HOLD-LOCKER with ACC-BLOCK-OVERDUE: a ready locker hold of a blocked patron is not lent
 * into the locker (a blocked patron cannot borrow it); the copy waits on the hold shelf of
 * the library that runs the locker, and the ready notice says why and whom to call.
 */
export function lockerHeldBackMessage(
  contact: Contact,
  policy: Pick<Policy, 'longOverdueDays'>,
): Text {
  const p = phoneLine(contact)
  const n = policy.longOverdueDays
  return {
    ja: `返却期限を${n}日以上過ぎている資料があるため、この資料は予約図書受取ロッカーには入れず、図書館の予約棚でお預かりしています。延滞中の資料をご返却のうえ、${p.ja}へお問い合わせください。`,
    en: `Because you have an item ${n} or more days overdue, this item was not put in the pickup locker; it is kept on the library's hold shelf. Please return the overdue item, then contact ${p.en}.`,
  }
}
