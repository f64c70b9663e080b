/**
 * The chat's answer when the library's system cannot be reached (front mode, ILS down or
 * slow): the plain sentence the API also gives, plus the library's main phone for anything
 * that cannot wait.
 */
import type { messagingApi } from '@line/bot-sdk'
import { UNAVAILABLE_MESSAGE } from '../../core/library-system.ts'
import type { Policy } from '../../core/policy.ts'
import type { Lang } from './lang.ts'

export function libraryUnavailableMessage(opts: {
  lang: Lang
  contact: Policy['contact']
}): messagingApi.TextMessage {
  const { lang, contact } = opts
  const call =
    lang === 'ja'
      ? `お急ぎの場合は、${contact.ja}（${contact.phone}）へお電話ください。`
      : `If it cannot wait, please call ${contact.en} (${contact.phone}).`
  return { type: 'text', text: `${UNAVAILABLE_MESSAGE[lang]}\n${call}` }
}
