/**
 * What the ILS refused, in bunko's typed refusals: the typed reason when its flags or the item
 * say why, with the ILS's own screen message (AF) and the library's phone number.
 */
import {
  contactFor,
  type Policy,
  phoneLine,
  type Refusal,
  refuse,
  type Text,
} from '../../../core/index.ts'

/**
 * The ILS's words, and whom to ask. A system that names the number itself (bunko's own SIP2
 * server ends its refusals with it) is not followed by the same sentence again (a walk found
 * 「ご不明な点は中央図書館（050-…）へお問い合わせください。」 twice in one refusal).
 */
export function ilsText(screen: string, policy: Policy): Text {
  const contact = contactFor(policy)
  const p = phoneLine(contact)
  const said = screen.trim()
  const named = said.includes(contact.phone)
  return {
    ja: `${said || '図書館のシステムがこの手続きを受け付けませんでした。'}${named ? '' : `ご不明な点は${p.ja}へお問い合わせください。`}`,
    en: `The library's system did not accept this${said ? ` ("${said}")` : ''}.${named ? '' : ` Questions: ${p.en}.`}`,
  }
}

export function ilsRefusal<R extends string>(
  reason: R,
  screen: string,
  policy: Policy,
): Refusal<R> {
  return refuse(reason, ilsText(screen, policy))
}

/** A patron the ILS knows only there (no holds over SIP2): where to do it instead. */
export function opacText(opacUrl: string | null, policy: Policy): Text {
  const p = phoneLine(contactFor(policy))
  return opacUrl
    ? {
        ja: `この手続きは図書館のホームページ（${opacUrl}）からお願いします。`,
        en: `Please do this on the library's website (${opacUrl}).`,
      }
    : {
        ja: `この手続きは図書館の窓口か、${p.ja}へのお電話でお願いします。`,
        en: `Please do this at a library counter or by phoning ${p.en}.`,
      }
}
