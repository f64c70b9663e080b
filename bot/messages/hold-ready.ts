/**
 * The hold-ready notice (HOLD-READY), pushed at a notice slot. One push per patron per slot
 * however many holds became ready: holds are grouped by where and by when they must be
 * collected, one bubble per group (a carousel when there are several).
 *
 * - At a library or branch room: collect by the pickup-by date (HOLD-EXPIRE), after which the
 *   hold is cancelled and the copy goes to the next patron.
 * - At a bookmobile station (HOLD-BOOKMOBILE): the notice names the visit the copy is loaded
 *   for (date and time); the hold lasts to the visit after that (the pickup-by date).
 * - At a pickup locker (HOLD-LOCKER): the copy is already checked out to the patron and placed
 *   in the locker; collect within the locker days, else the loan is returned. The button opens
 *   the loan list, where the item now is. A patron blocked by a long-overdue loan
 *   (ACC-BLOCK-OVERDUE) is not lent it: the copy waits at the library and the notice says why
 *   and whom to call.
 *
 * NOTICE-PRIVACY: the alt text (the lock-screen preview) never names a title or author; it
 * depends only on the number of items.
 */
import type { messagingApi } from '@line/bot-sdk'
import { lockerHeldBackMessage } from '../../core/access.ts'
import { visitText } from '../../core/bookmobile.ts'
import type { JstDate } from '../../core/dates.ts'
import { dateText } from '../../core/messages.ts'
import type { Text } from '../../core/types.ts'
import { button, COLORS, row, separator, telUri, text, vbox } from './flex.ts'
import { type Group, groupHolds, type PickupPlace, type ReadyHold } from './hold-ready-groups.ts'
import { itemList } from './item-list.ts'
import { clip, type Lang } from './lang.ts'
import { liffUrl } from './liff.ts'
import { LIMITS } from './limits.ts'

export type { PickupPlace, ReadyHold } from './hold-ready-groups.ts'

export interface HoldReadyInput {
  holds: ReadyHold[]
  liffId: string
  /** HOLD-LOCKER: days a locker item waits (said in the notice). */
  lockerDays?: number
  /** ACC-BLOCK-OVERDUE: said when a locker hold was kept back. */
  longOverdueDays?: number
  lang?: Lang
}

/** NOTICE-PRIVACY: the preview, from the count alone. */
export function holdReadyAltText(count: number, lang: Lang = 'ja'): string {
  return lang === 'ja'
    ? `ご予約の資料がご用意できました（${count}点）。受け取りの期限をご確認ください。`
    : `Items you reserved are ready to collect (${count}). Please check the pickup date.`
}

/**
 * A pickup-by date as said to the patron, worked out once per date: a slot's pushes name the
 * same few dates thousands of times (issue 21).
 */
const dateTexts = new Map<JstDate, Text>()
function collectByText(date: JstDate): Text {
  let t = dateTexts.get(date)
  if (!t) {
    if (dateTexts.size >= 64) dateTexts.clear()
    t = dateText(date)
    dateTexts.set(date, t)
  }
  return t
}

function placeName(place: PickupPlace, lang: Lang): string {
  return clip(lang === 'en' && place.nameEn ? place.nameEn : place.name, 40)
}

function groupNote(g: Group, lockerDays: number, longOverdueDays: number): Text {
  // Front mode: SIP2 does not say until when a hold is kept, so there may be no date.
  const by = g.collectBy ? collectByText(g.collectBy) : null
  if (g.heldBack)
    return lockerHeldBackMessage(
      { ja: g.place.name, en: g.place.nameEn ?? g.place.name, phone: g.place.phone },
      { longOverdueDays },
    )
  if (g.visit) {
    const v = visitText(g.visit)
    return {
      ja: `自動車文庫が${v.ja}にこのステーションへ伺うときにお渡しします。その日にお越しになれない場合は、次の運行日${by ? `（${by.ja}）` : ''}までにお受け取りください。それを過ぎると予約は取り消しとなり、次にお待ちの方へお回しします。`,
      en: `The bookmobile brings them to this stop on ${v.en}. If you cannot come then, collect them at its next visit${by ? ` (${by.en})` : ''}; after that the hold is cancelled and the item goes to the next person waiting.`,
    }
  }
  if (g.locker)
    return {
      ja: `資料はお客様への貸出の手続きをして、予約図書受取ロッカーに入れました。${by ? `${by.ja}までに（${lockerDays}日以内）` : `${lockerDays}日以内に`}お受け取りください。受け取りがない場合は返却の扱いになります。貸出中の一覧でもご確認いただけます。`,
      en: `These items have been checked out to you and placed in the pickup locker. Please collect them ${by ? `by ${by.en} (within ${lockerDays} days)` : `within ${lockerDays} days`}; otherwise they are returned. They appear in your loan list.`,
    }
  if (!by)
    return {
      ja: `お早めにお受け取りください。受取期限を過ぎると予約は取り消しとなり、次にお待ちの方へお回しします。受取期限は${g.placeAsked ? '' : '受取場所の'}図書館にお問い合わせください。`,
      en: 'Please collect them soon. After the pickup deadline the hold is cancelled and the item goes to the next person waiting; the library can tell you the date.',
    }
  return {
    ja: `${by.ja}までにお受け取りください。期限を過ぎると予約は取り消しとなり、次にお待ちの方へお回しします。`,
    en: `Please collect by ${by.en}. After that the hold is cancelled and the item goes to the next person waiting.`,
  }
}

/** A bubble's parts around its item list: the same for every patron of one group's place and date. */
interface Frame {
  header: messagingApi.FlexBox
  before: messagingApi.FlexComponent[]
  after: messagingApi.FlexComponent[]
  footer: messagingApi.FlexBox
}

/**
 * Frames by everything they say, so a slot's thousands of pushes to the same few places and
 * dates build each once (issue 21). Frames are shared between messages and never changed.
 */
const frames = new Map<string, Frame>()

function groupBubble(g: Group, input: HoldReadyInput, lang: Lang): messagingApi.FlexBubble {
  const key = JSON.stringify([
    g.place,
    g.placeAsked,
    g.locker,
    g.heldBack,
    g.collectBy,
    g.visit,
    lang,
    input.liffId,
    input.lockerDays,
    input.longOverdueDays,
  ])
  let frame = frames.get(key)
  if (!frame) {
    if (frames.size >= 256) frames.clear()
    frame = groupFrame(g, input, lang)
    frames.set(key, frame)
  }
  return {
    type: 'bubble',
    size: 'mega',
    header: frame.header,
    body: vbox([...frame.before, itemList(g.holds, lang), ...frame.after], { spacing: 'sm' }),
    footer: frame.footer,
  }
}

function groupFrame(g: Group, input: HoldReadyInput, lang: Lang): Frame {
  const lockerDays = input.lockerDays ?? 4
  const title: Text = g.heldBack
    ? { ja: 'ご予約の資料を図書館でお預かりしています', en: 'Your hold is kept at the library' }
    : g.locker
      ? { ja: 'ロッカーに資料をご用意しました', en: 'Ready in the pickup locker' }
      : { ja: 'ご予約の資料をご用意しました', en: 'Your holds are ready' }
  const place = placeName(g.place, lang)
  const lent = g.locker && !g.heldBack
  const listButton: Text = lent
    ? { ja: '貸出中の一覧を見る', en: 'See my loans' }
    : { ja: '予約の一覧を見る', en: 'See my holds' }
  const page = lent ? 'loans' : 'holds'
  return {
    header: vbox([text(title[lang], { weight: 'bold', color: '#ffffff', size: 'md' })], {
      backgroundColor: COLORS.accent,
      paddingAll: 'lg',
    }),
    before: [
      row(
        lang === 'ja' ? '受取場所' : 'Collect at',
        g.placeAsked
          ? { ja: 'ご予約の際にご指定の場所', en: 'the place you chose when reserving' }[lang]
          : place,
      ),
      ...(g.visit
        ? [row(lang === 'ja' ? 'お渡し日時' : 'Bookmobile visit', visitText(g.visit)[lang])]
        : []),
      ...(g.collectBy
        ? [
            row(lang === 'ja' ? '受取期限' : 'Collect by', collectByText(g.collectBy)[lang], {
              color: COLORS.warn,
            }),
          ]
        : []),
    ],
    after: [
      separator(),
      text(groupNote(g, lockerDays, input.longOverdueDays ?? 60)[lang], {
        size: 'sm',
        margin: 'lg',
      }),
      text(
        lang === 'ja'
          ? `お問い合わせ：${place}（${g.place.phone}）`
          : `Questions: ${place} (${g.place.phone})`,
        { size: 'xs', color: COLORS.sub, margin: 'md' },
      ),
    ],
    footer: vbox(
      [
        button({ type: 'uri', label: listButton[lang], uri: liffUrl(input.liffId, page) }),
        button(
          {
            type: 'uri',
            label: lang === 'ja' ? '電話をかける' : 'Call',
            uri: telUri(g.place.phone),
          },
          'link',
        ),
      ],
      { spacing: 'sm' },
    ),
  }
}

/** A last bubble when there are more groups than a carousel holds. */
function overflowBubble(count: number, liffId: string, lang: Lang): messagingApi.FlexBubble {
  return {
    type: 'bubble',
    size: 'mega',
    body: vbox([
      text(
        lang === 'ja'
          ? `ほか ${count} 点の資料もご用意しています。予約の一覧でご確認ください。`
          : `${count} more items are ready. Please see your holds.`,
      ),
    ]),
    footer: vbox([
      button({
        type: 'uri',
        label: lang === 'ja' ? '予約の一覧を見る' : 'See my holds',
        uri: liffUrl(liffId, 'holds'),
      }),
    ]),
  }
}

export function holdReadyNotice(input: HoldReadyInput): messagingApi.FlexMessage {
  const lang = input.lang ?? 'ja'
  if (input.holds.length === 0) throw new RangeError('a hold-ready notice needs at least one hold')
  const groups = groupHolds(input.holds)
  const max = LIMITS.carouselBubbles
  const shown = groups.length > max ? groups.slice(0, max - 1) : groups
  const bubbles = shown.map((g) => groupBubble(g, input, lang))
  if (shown.length < groups.length) {
    const rest = groups.slice(shown.length).reduce((n, g) => n + g.holds.length, 0)
    bubbles.push(overflowBubble(rest, input.liffId, lang))
  }
  return {
    type: 'flex',
    altText: holdReadyAltText(input.holds.length, lang),
    contents: bubbles.length === 1 ? bubbles[0]! : { type: 'carousel', contents: bubbles },
  }
}
