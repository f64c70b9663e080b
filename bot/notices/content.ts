/**
 * What a claimed group says: the patron's LINE user and language, and one message per kind —
 * every ready hold in one hold-ready Flex (grouped by place and date inside it), every overdue
 * item listed together in one overdue Flex, then a due-soon reminder and an expiry notice
 * (reminder-content.ts). So a push has at most four messages (LINE allows five). The Flex
 * builders keep titles out of the alt text (NOTICE-PRIVACY).
 */
import type { messagingApi } from '@line/bot-sdk'
import { type Contact, clockText, jstDate, type Policy, type SlotList } from '../../core/index.ts'
import type { Db } from '../../db/client.ts'
import {
  type ClaimedItem,
  claimedNoticeItems,
  type NoticeRecipient,
  noticeRecipients,
} from '../../db/notices.ts'
import { forCardHolder, type NamedNoticeKind } from '../messages/family-notice.ts'
import { holdReadyNotice, type ReadyHold } from '../messages/hold-ready.ts'
import { langOf } from '../messages/lang.ts'
import { type OverdueItem, overdueNotice } from '../messages/overdue.ts'
import {
  type DueSoonItems,
  dueSoonItems,
  type ReminderSource,
  reminderMessages,
} from './reminder-content.ts'

export interface GroupContent {
  key: string
  patronId: number
  /** Null when there is nothing to push: `problem` says why. */
  request: messagingApi.PushMessageRequest | null
  problem: 'not_linked' | 'build_error' | 'obsolete' | null
  noticeIds: string[]
  /** The slots the group goes at: the locker list only when every notice is a locker's. */
  list: SlotList
}

/** A claimed group as read from the database, its push not built yet (buildGroupContent). */
export interface LoadedGroup {
  key: string
  items: ClaimedItem[]
  to: NoticeRecipient | undefined
  due: DueSoonItems
}

/**
 * Read the claimed notices `ids` and their recipients, one group per key, in claim order.
 * The dispatcher builds each push just before it goes (buildGroupContent), so a large chunk
 * does not hold hundreds of built messages in memory at once.
 */
export async function loadGroups(
  db: Db,
  ids: readonly string[],
  source?: ReminderSource,
): Promise<LoadedGroup[]> {
  const rows = await claimedNoticeItems(db, ids)
  const due = await dueSoonItems(db, rows, source)
  const byKey = new Map<string, ClaimedItem[]>()
  for (const r of rows) {
    const list = byKey.get(r.key)
    if (list) list.push(r)
    else byKey.set(r.key, [r])
  }
  const patronIds = [...new Set(rows.map((r) => r.patronId))]
  const recipients = new Map((await noticeRecipients(db, patronIds)).map((r) => [r.patronId, r]))
  return [...byKey].map(([key, items]) => ({
    key,
    items,
    to: recipients.get(items[0]!.patronId),
    due,
  }))
}

/** The push of one loaded group, or why there is none. */
export function buildGroupContent(g: LoadedGroup, policy: Policy, liffId: string): GroupContent {
  const { key, items, to, due } = g
  const patronId = items[0]!.patronId
  const base = {
    key,
    patronId,
    noticeIds: items.map((i) => i.id),
    list: items.every((i) => i.slotKind === 'locker') ? ('locker' as const) : ('standard' as const),
  }
  if (!to) return { ...base, request: null, problem: 'not_linked' }
  try {
    const lang = langOf(to.language)
    // ACC-FAMILY: one LINE account with several cards is told whose card each notice is for.
    const holder = Number(to.cards) > 1 ? to.name : null
    const messages = [
      ...messagesFor(items, lang, policy, liffId, holder),
      ...reminderMessages(items, due, lang, policy, liffId, holder),
    ]
    // Everything a due-soon reminder listed was returned or renewed since it was claimed.
    if (!messages.length) return { ...base, request: null, problem: 'obsolete' }
    return { ...base, request: { to: to.lineUserId, messages }, problem: null }
  } catch {
    return { ...base, request: null, problem: 'build_error' }
  }
}

function messagesFor(
  items: ClaimedItem[],
  lang: 'ja' | 'en',
  policy: Policy,
  liffId: string,
  holder: string | null = null,
): messagingApi.Message[] {
  const messages: messagingApi.Message[] = []
  const whose = (kind: NamedNoticeKind, count: number, m: messagingApi.FlexMessage) =>
    holder ? forCardHolder(m, { kind, name: holder, count, lang }) : m
  const ready = items.filter((i) => i.kind === 'hold_ready').map((i) => readyHold(i, policy))
  if (ready.length)
    messages.push(
      whose(
        'hold_ready',
        ready.length,
        holdReadyNotice({
          holds: ready,
          liffId,
          lockerDays: policy.pickup.lockerDays,
          longOverdueDays: policy.longOverdueDays,
          lang,
        }),
      ),
    )
  const overdue = items.filter((i) => i.kind === 'overdue')
  if (overdue.length)
    messages.push(
      whose(
        'overdue',
        overdue.length,
        overdueNotice({
          items: overdue.map(overdueItem),
          contact: overdueContact(overdue, policy),
          liffId,
          longOverdueDays: policy.longOverdueDays,
          lang,
        }),
      ),
    )
  return messages
}

/**
 * A ready hold as its notice says it. With no place (front mode: SIP2 names none) it says the
 * place asked for, and the library itself answers questions: never a place bunko guessed.
 */
function readyHold(i: ClaimedItem, policy: Policy): ReadyHold {
  const asked = i.placeName === null
  return {
    title: i.title ?? '',
    author: i.author,
    place: asked
      ? { name: policy.contact.ja, nameEn: policy.contact.en, phone: policy.contact.phone }
      : {
          name: i.placeName ?? '',
          ...(i.placeNameEn ? { nameEn: i.placeNameEn } : {}),
          phone: i.placePhone ?? '',
        },
    ...(asked ? { placeAsked: true } : {}),
    locker: i.placeKind === 'locker',
    heldBack: i.placeKind === 'locker' && i.holdLoanId === null,
    collectBy: i.collectBy ?? '',
    visit:
      i.visitStartsAt !== null && i.visitEndsAt !== null
        ? {
            date: jstDate(i.visitStartsAt),
            start: clockText(i.visitStartsAt),
            end: clockText(i.visitEndsAt),
          }
        : null,
  }
}

function overdueItem(i: ClaimedItem): OverdueItem {
  return { title: i.title ?? '', author: i.author, dueDate: i.dueDate ?? '' }
}

/** The lending library when every item came from one, else the library-wide contact. */
function overdueContact(items: ClaimedItem[], policy: Policy): Contact {
  const libs = new Set(items.map((i) => `${i.libName}|${i.libPhone}`))
  const { libName, libNameEn, libPhone } = items[0]!
  if (libs.size !== 1 || !libName || !libPhone) return policy.contact
  return { ja: libName, en: libNameEn ?? libName, phone: libPhone }
}
