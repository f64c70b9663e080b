/** The words staff see for the database's codes. */
import { formatDateJa, instantText } from '../../../core/index.ts'
import type { Unreachable } from '../notice-reach.ts'

export const HOLD_STATE: Record<string, string> = {
  waiting: '予約待ち',
  in_transit: '回送中',
  ready: '確保中（受取待ち）',
  collected: '受取済み',
  cancelled: '取消',
  expired: '受取期限切れ',
}

/** What came of a purchase request (購入リクエスト); `open` is staff undoing a decision. */
export const DECISION: Record<string, string> = {
  bought: '購入',
  borrowed: '他館から借用',
  declined: '見送り',
  open: '未処理に戻す',
}

export const CATEGORY: Record<string, string> = {
  general: '一般',
  print_disabled: '録音図書の利用登録あり',
  wide_area: '広域利用',
}

export const NOTICE_STATE: Record<string, string> = {
  pending: '送信待ち',
  sending: '送信中',
  sent: '送信済み',
  failed: '送信失敗',
  undeliverable: '届かない（ブロック等）',
}

export const ACTION: Record<string, string> = {
  'staff.sign_in': 'サインイン',
  'staff.sign_out': 'サインアウト',
  'desk.place': '窓口の変更',
  'patron.lookup': '利用者の呼び出し',
  'patron.search': '利用者の検索（氏名・電話番号）',
  'audit.search': '操作記録の検索',
  checkout: '貸出',
  'checkout.refused': '貸出（お断り）',
  checkin: '返却',
  'checkin.refused': '返却（処理できず）',
  'pick.refused': '棚出し（お断り）',
  'hold.collect': '予約の受け渡し',
  'hold.collect.refused': '予約の受け渡し（お断り）',
  'hold.expire': '予約の期限切れ処理',
  'hold.expire.refused': '予約の期限切れ処理（お断り）',
  'transit.receive': '回送の受入',
  'transit.receive.refused': '回送の受入（処理できず）',
  'clock.advance': 'デモ時計を進める',
  'purchase_request.decide': '購入リクエストの処理',
  // Self-check kiosks (SIP2) and the patron's own LINE actions write these too.
  'loan.renew': '貸出の延長',
  'loan.renew.refused': '貸出の延長（お断り）',
  'hold.place': '予約の申込み',
  'hold.place.refused': '予約の申込み（お断り）',
  'hold.cancel': '予約の取消',
  'hold.cancel.refused': '予約の取消（お断り）',
  'hold.pickup': '受取場所の変更',
  'hold.pickup.refused': '受取場所の変更（お断り）',
  'patron.block': '利用停止（自動貸出機がカードを回収）',
  'line.link': 'LINE 連携',
  'line.unlink': 'LINE 連携解除',
  'line.block': 'LINE ブロック',
  'line.unblock': 'LINE ブロック解除',
}

export const dateJa = (d: string | null | undefined) => (d ? formatDateJa(d) : '—')
export const instantJa = (t: number | null | undefined) => (t ? instantText(t).ja : '—')

/** Why LINE cannot tell the holder their hold is ready (bot/counter/notice-reach.ts). */
export const UNREACHABLE_WHY: Record<Unreachable['why'], string> = {
  not_linked: '予約者はLINE未連携のため',
  blocked: '予約者がLINEの公式アカウントをブロックしているため',
  notices_off: '予約者が「予約資料の用意ができたとき」のLINEのお知らせをオフにしているため',
}

/** The number to phone them on, or that none is on record. */
export const phoneWords = (u: Unreachable) =>
  u.phone ? `電話 ${u.phone}` : '電話番号の登録がありません。利用者の記録をご確認ください'

/** A pickup place's kind, said after its name unless the name says it (ひなぎく号 東香里). */
export const PLACE_KIND: Record<string, string> = {
  library: '図書館',
  branch_room: '分室',
  bookmobile: '自動車文庫',
  locker: 'ロッカー',
}
