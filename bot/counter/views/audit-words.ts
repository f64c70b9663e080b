/**
 * An audit record's before / after in words staff read at a glance (「資料の状態：貸出中」),
 * not the stored key:value codes. Ids that mean a person or a place are shown as the patron
 * number and the place name; a key this table does not know is left out of the words (the
 * stored record keeps it).
 */
import type { Json } from '../audit.ts'
import { DECISION, dateJa, HOLD_STATE, instantJa } from './labels.ts'

const COPY_STATUS: Record<string, string> = {
  on_shelf: '書架',
  on_loan: '貸出中',
  on_hold_shelf: '予約棚（受取待ち）',
  in_transit: '回送中',
  missing: '不明',
}

/** Refusal codes in the counter's words (lending, return, hand-over, expiry, holds). */
export const REFUSAL: Record<string, string> = {
  not_for_loan: '禁帯出の資料',
  on_loan: 'ほかの利用者に貸出中',
  lent_not_picked: '貸出中の資料（棚出しの対象外）',
  held_for_other: 'ほかの利用者の予約で確保中',
  in_transit: '回送中の資料',
  expired: '利用者登録の有効期限切れ',
  suspended: '利用停止中',
  blocked: '長期延滞があるため',
  not_ready: 'まだ確保されていない予約',
  not_yours: '別の利用者の予約',
  unknown_copy: '登録のないバーコード',
  unknown_place: '登録のない場所',
  not_due: '受取期限がまだ来ていない予約',
  invalid_input: '読み取った値が正しくない',
  // Holds (窓口予約, and the patron's own through LINE).
  limit: '予約の上限に達している',
  av_limit: 'CD・DVD・ビデオの予約の上限に達している',
  duplicate: '予約中か貸出中の資料',
  audiobook: '録音図書（対象外の利用者）',
  pickup: '受取場所が選べない',
  unknown_title: '登録のない資料',
  conflict: 'ほかの操作と重なった',
}

/** Names for ids: patron id → 利用者番号, place id → 名前. */
export interface AuditNames {
  patron: Map<number, string>
  place: Map<number, string>
}

type Say = (v: Json[string], names: AuditNames) => string | null

const num = (v: unknown) => (typeof v === 'number' ? v : null)
const patron: Say = (v, n) => {
  const id = num(v)
  return id === null ? null : `利用者番号 ${n.patron.get(id) ?? `（内部番号 ${id}）`}`
}
const place: Say = (v, n) => {
  const id = num(v)
  return id === null ? null : (n.place.get(id) ?? `（場所番号 ${id}）`)
}
const text =
  (table: Record<string, string>): Say =>
  (v) =>
    typeof v === 'string' ? (table[v] ?? v) : null
const date: Say = (v) => (typeof v === 'string' ? dateJa(v) : null)
const id =
  (what: string): Say =>
  (v) =>
    num(v) === null ? null : `${what} ${v}`

/** In the order staff read them: the copy, who has it, until when, where; then the rest. */
const FIELDS: [key: string, label: string, say: Say][] = [
  ['barcode', '資料のバーコード', (v) => (typeof v === 'string' ? v : null)],
  ['status', '資料の状態', text(COPY_STATUS)],
  ['borrowerId', '借りている人', patron],
  ['patronId', '利用者', patron],
  ['dueDate', '返却期限', date],
  ['holdState', '予約の状態', text(HOLD_STATE)],
  ['holderId', '予約した人', patron],
  ['pickupPlaceId', '受取場所', place],
  ['pickupBy', '受取期限', date],
  ['placeId', '資料のある場所', place],
  ['deskPlaceId', '窓口', place],
  ['reason', 'お断りの理由', text(REFUSAL)],
  [
    'noticeId',
    'お知らせ',
    (v) => (num(v) === null ? null : '予約確保のお知らせを送信待ちにしました'),
  ],
  ['collectedHoldId', '予約', (v) => (num(v) === null ? null : '予約資料の受け渡し')],
  ['nextHoldId', '次の予約', (v) => (num(v) === null ? null : '次に予約している人へ回しました')],
  ['returnedLoanId', 'ロッカーの貸出', (v) => (num(v) === null ? null : '返却扱いにしました')],
  ['now', 'デモ時計', (v) => (num(v) === null ? null : instantJa(num(v)))],
  ['by', '検索', text({ name: '氏名・よみがなで', phone: '電話番号で' })],
  ['patronIds', '表示した利用者', (v) => (Array.isArray(v) ? `${v.length}人` : null)],
  ['loanId', '貸出', id('貸出番号')],
  ['holdId', '予約', id('予約番号')],
  ['decision', '購入リクエスト', text(DECISION)],
]

/** The record's lines as 「label：words」, empty fields left out. */
export function auditLines(value: Json | null, names: AuditNames): string[] {
  if (!value) return []
  const lines: string[] = []
  for (const [key, label, say] of FIELDS) {
    const v = value[key]
    if (v === null || v === undefined) continue
    const words = say(v, names)
    if (words) lines.push(`${label}：${words}`)
  }
  return lines
}

/** The patron and place ids a set of records mentions, to look their names up once. */
export function mentionedIds(values: (Json | null)[]): { patrons: number[]; places: number[] } {
  const patrons = new Set<number>()
  const places = new Set<number>()
  for (const v of values) {
    if (!v) continue
    for (const k of ['borrowerId', 'patronId', 'holderId'])
      if (typeof v[k] === 'number') patrons.add(v[k] as number)
    for (const k of ['pickupPlaceId', 'placeId', 'deskPlaceId'])
      if (typeof v[k] === 'number') places.add(v[k] as number)
  }
  return { patrons: [...patrons], places: [...places] }
}
