/**
 * The chat's answer when the library's system cannot be reached (front mode, ILS down or
 * slow): the plain sentence the API also gives, plus the library's main phone for anything
 * that cannot wait.
 */
import type { messagingApi } from '@line/bot-sdk'
import { unavailableText } from '../../core/library-system.ts'
import type { Policy } from '../../core/policy.ts'
import type { Lang } from './lang.ts'

export function libraryUnavailableMessage(opts: {
  lang: Lang
  contact: Policy['contact']
}): messagingApi.TextMessage {
  return { type: 'text', text: unavailableText(opts.contact)[opts.lang] }
}
