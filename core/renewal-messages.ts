/**
 * RENEW-REASONS: for each typed reason a sentence that says why, and what to do next. About
 * the item, not "you": the loan may be on a family member's card (ACC-FAMILY), and a
 * `blocked` patron's sentence (blockedMessage) names the holder where the caller knows it.
 */
import { blockedMessage } from './access.ts'
import { daysBetween } from './dates.ts'
import { contactFor, dateText, phoneLine } from './messages.ts'
import type { Policy } from './policy.ts'
import type { RenewReason } from './renewals.ts'
import type { Loan, Text } from './types.ts'

/** The bilingual refusal for `reason` on `loan`. */
export function renewalMessage(
  reason: RenewReason,
  loan: Loan,
  capDate: string,
  policy: Policy,
): Text {
  const due = dateText(loan.dueDate)
  const capText = dateText(capDate)
  const p = phoneLine(contactFor(policy))
  switch (reason) {
    case 'blocked':
      return blockedMessage(policy)
    case 'ill':
      return {
        ja: `この資料は他の自治体や大学の図書館などから借り受けた資料のため、延長できません。返却期限の${due.ja}までにご返却ください。`,
        en: `This item was borrowed from another library (inter-library loan), so it cannot be renewed. Please return it by ${due.en}.`,
      }
    case 'overdue':
      return {
        ja: `返却期限（${due.ja}）を過ぎているため、延長できません。お早めにご返却ください。続けて読みたい場合は、返却後にあらためて借りるか予約してください。`,
        en: `This item is past its due date (${due.en}), so it cannot be renewed. Please return it soon; it can be borrowed or reserved again afterwards.`,
      }
    case 'held':
      return {
        ja: `この資料は次の方の予約が入っているため、延長できません。返却期限の${due.ja}までにご返却ください。続けて読みたい場合は、返却後にあらためて予約してください。`,
        en: `Another patron is waiting for this item, so it cannot be renewed. Please return it by ${due.en}; it can be reserved again afterwards.`,
      }
    case 'av_limit':
      return {
        ja: `CD・DVD・ビデオの延長は${policy.renewal.avDays}日間、${policy.renewal.avMaxRenewals}回限りのため、これ以上延長できません。返却期限の${due.ja}までにご返却ください。`,
        en: `CDs, DVDs and videos can be renewed only ${policy.renewal.avMaxRenewals === 1 ? 'once' : `${policy.renewal.avMaxRenewals} times`}, by ${policy.renewal.avDays} days, so this one cannot be renewed again. Please return it by ${due.en}.`,
      }
    case 'cap_reached':
      return {
        ja: `貸出日から${policy.renewal.capDays}日（${capText.ja}）までの延長上限に達しているため、これ以上延長できません。返却期限の${due.ja}までにご返却ください。`,
        en: `A loan can be renewed only until ${policy.renewal.capDays} days after it was borrowed (for this one, ${capText.en}), and this one has reached that limit. Please return it by ${due.en}.`,
      }
    case 'too_soon':
      return {
        ja: '延長は貸出日の翌日からできます。明日以降にもう一度お試しください。',
        en: 'Loans can be renewed from the day after the loan date. Please try again tomorrow or later.',
      }
    case 'no_gain':
      return {
        ja: `今延長しても返却期限（${due.ja}）は延びません。返却期限が近づいてから、もう一度お試しください。ご不明な点は${p.ja}へお問い合わせください。`,
        en: `Renewing now would not move the due date (${due.en}) any later. Please try again closer to the due date. Questions: ${p.en}.`,
      }
  }
}

/**
 * What the patron confirms (RENEW-NO-GAIN: the new due date shown before confirming). When the
 * renewal moves the due date by less than a full period, one plain sentence says why: the
 * period is counted from today (RENEW-BOOK), or the loan-date cap stops it; and a CD's last
 * renewal says it is the last (RENEW-AV).
 */
export function renewalQuoteMessage(
  quote: { currentDueDate: string; newDueDate: string; capped: boolean; estimated?: boolean },
  policy: Policy,
  av = false,
  renewalsSoFar = 0,
): Text {
  const from = dateText(quote.currentDueDate)
  const to = dateText(quote.newDueDate)
  const gain = daysBetween(quote.currentDueDate, quote.newDueDate)
  const period = av ? policy.renewal.avDays : policy.renewal.days
  const cap = policy.renewal.capDays
  const why = quote.capped
    ? {
        ja: `貸出日から${cap}日までしか延長できないため、延びるのは${gain}日です。`,
        en: ` Loans run at most ${cap} days from the loan date, so it moves only ${days(gain)}.`,
      }
    : gain < period && policy.renewal.from === 'renewal_date'
      ? {
          ja: `延長の${period}日間は今日から数えるため、延びるのは${gain}日です。`,
          en: ` The ${period} days are counted from today, not from the due date, so it moves only ${days(gain)}.`,
        }
      : { ja: '', en: '' }
  // RENEW-AV: a CD's only renewal is said before it is spent, not only after (a patron walk).
  const maxAv = policy.renewal.avMaxRenewals
  const last =
    av && renewalsSoFar + 1 >= maxAv
      ? {
          ja: `CD・DVD・ビデオの延長は${maxAv}回までのため、これが最後の延長です。`,
          en: ` CDs, DVDs and videos can be renewed ${maxAv === 1 ? 'only once' : `${maxAv} times at most`}, so this is the last renewal.`,
        }
      : { ja: '', en: '' }
  // Front mode: the library's system sets the date and may keep limits of its own.
  if (quote.estimated)
    return {
      ja: `延長すると、返却期限は${from.ja}から${to.ja}になる見込みです（最終的な日付は図書館のシステムで決まり、これより早くなることや、延長できないこともあります）。${why.ja}${last.ja}延長しますか？`,
      en: `If you renew, the due date should move from ${from.en} to ${to.en} (the library's system sets the final date, which may be earlier, or it may refuse the renewal).${why.en}${last.en} Renew now?`,
    }
  return {
    ja: `延長すると、返却期限は${from.ja}から${to.ja}になります。${why.ja}${last.ja}延長しますか？`,
    en: `If you renew, the due date moves from ${from.en} to ${to.en}.${why.en}${last.en} Renew now?`,
  }
}

const days = (n: number) => (n === 1 ? '1 day' : `${n} days`)
