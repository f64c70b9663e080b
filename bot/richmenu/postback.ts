/**
 * The postback data format, in one place. Every rich-menu area and message button that needs
 * the bot to act sends `data` as a URL-encoded query string whose `action` names what to do:
 *
 *   action=link             start account linking (issue a link token, reply with the button)
 *   action=help             how to use the account
 *   action=phones           the phone list of every library
 *   action=card             the library card (linked) or "link first" (unlinked)
 *   action=loans            loans and holds (linked) or "link first" (unlinked)
 *   action=unlink           ask to confirm unlinking
 *   action=unlink_confirm   unlink now (sent by the confirm template's 解除する)
 *   action=unlink_cancel    keep the link (sent by the confirm template's やめる)
 *   action=reset_confirm    confirm a pending password reset (ACC-RESET-LINKED; `token`)
 *   action=reset_cancel     drop a pending password reset (`token`)
 *   action=renew            renew one loan from a due-soon reminder (`loan`, NOTICE-DUE-SOON)
 *   action=add_card         link one more patron to this LINE account (ACC-FAMILY)
 *
 * `unlink_confirm` may carry `patron` (ACC-FAMILY): unlink that one card of the account.
 *
 * Extra parameters may follow (`action=link&from=menu`); unknown parameters are kept in
 * `params` and ignored by the bot. LINE caps postback data at 300 characters.
 */

export const POSTBACK_ACTIONS = [
  'link',
  'help',
  'phones',
  'card',
  'loans',
  'unlink',
  'unlink_confirm',
  'unlink_cancel',
  'reset_confirm',
  'reset_cancel',
  'renew',
  'add_card',
] as const

export type PostbackAction = (typeof POSTBACK_ACTIONS)[number]

export interface Postback {
  action: PostbackAction
  params: Record<string, string>
}

/** LINE's limit on `postback.data`. */
export const POSTBACK_DATA_MAX = 300

/** `action=…` plus any parameters, URL-encoded. */
export function postbackData(action: PostbackAction, params: Record<string, string> = {}): string {
  const data = new URLSearchParams({ action, ...params }).toString()
  if (data.length > POSTBACK_DATA_MAX)
    throw new RangeError(`postback data over ${POSTBACK_DATA_MAX} characters`)
  return data
}

/**
 * Read postback data sent by LINE. Anything that is not ours (no or unknown `action`, too
 * long) gives null, and the bot answers with help rather than guessing.
 */
export function parsePostback(data: string): Postback | null {
  if (typeof data !== 'string' || data.length > POSTBACK_DATA_MAX) return null
  const search = new URLSearchParams(data)
  const action = search.get('action')
  if (!isPostbackAction(action)) return null
  const params: Record<string, string> = {}
  for (const [key, value] of search) if (key !== 'action') params[key] = value
  return { action, params }
}

function isPostbackAction(s: string | null): s is PostbackAction {
  return (POSTBACK_ACTIONS as readonly (string | null)[]).includes(s)
}
