/**
 * What SIP2 cannot do, said as a refusal rather than pretended: the web password lives in the
 * ILS (SIP2 only checks it, with 63 AD), and SIP2 has no message to suspend a hold. The LIFF
 * app hides suspending (capabilities.suspendHolds is false); a patron who asks anyway is told
 * where to do it, with the library's phone.
 */
import { type Policy, passwordElsewhereText, type Refusal } from '../../../core/index.ts'

export function passwordElsewhere(policy: Policy): Refusal<'library_refused'> {
  return { ok: false, reason: 'library_refused', message: passwordElsewhereText(policy) }
}

/** A reset waiting for LINE's confirmation is never made in front mode, so none can be confirmed. */
export function noPendingReset(): Refusal<'expired'> {
  return {
    ok: false,
    reason: 'expired',
    message: {
      ja: 'この確認の手続きは見つかりませんでした。パスワードの手続きは図書館のホームページか窓口でお願いします。',
      en: "We could not find this confirmation. Please handle your password on the library's website or at a counter.",
    },
  }
}

export function suspendElsewhere(policy: Policy): Refusal<'library_refused'> {
  const { contact } = policy
  return {
    ok: false,
    reason: 'library_refused',
    message: {
      ja: `この図書館のシステムでは、LINEから予約を休止できません。休止は${contact.ja}（${contact.phone}）へお問い合わせください。`,
      en: `This library's system does not let you suspend holds from LINE. Please contact ${contact.en} (${contact.phone}).`,
    },
  }
}
