/**
 * Every Japanese string the app shows: natural, polite patron-facing Japanese. English lives
 * in en.ts with the same keys (the type checker keeps them in step).
 */

import { EXPIRY_NOTICE_DAYS } from '../../../core/notice-reminders.ts'
import { jaTimes } from '../../../core/time-words.ts'
import type {
  CopyStatus,
  HoldNoticeWay,
  HoldState,
  MaterialType,
  PickupKind,
  RenewRefusalReason,
} from '../../api-types.ts'
import type { NoticeTimes } from '../notice-times.ts'

export const ja = {
  lang: 'ja',
  appName: '図書館',
  skip: '本文へ移動',
  nav: {
    label: 'メニュー',
    card: '図書館カード',
    portal: 'マイポータル',
    /**
     * The menu bar's words with where each may break: at large text the four stay in one row
     * and a word takes two lines at a phrase boundary (図書館／カード), never inside a word.
     */
    bar: {
      card: ['図書館', 'カード'],
      portal: ['マイ', 'ポータル'],
      search: ['蔵書', '検索'],
      cart: ['予約', 'カート'],
    } satisfies Record<'card' | 'portal' | 'search' | 'cart', string[]>,
    loans: '貸出中一覧',
    holds: '予約中一覧',
    search: '蔵書検索',
    cart: (n: number) => (n ? `予約カート（${n}点）` : '予約カート'),
    favourites: 'お気に入り一覧',
    shelf: 'My本棚',
    settings: '設定',
  },
  loading: '読み込み中です…',
  retry: 'もう一度読み込む',
  networkError: '通信できませんでした。電波の状態をご確認のうえ、もう一度お試しください。',
  liffStartFailed:
    'LINEとの接続がうまくいきませんでした。いったん画面を閉じて、LINEのメニューからもう一度開いてください。',
  serverError: 'ただいま処理できませんでした。しばらくしてから、もう一度お試しください。',
  expired:
    'ログインの有効期限が切れました。いったん画面を閉じて、LINEのメニューからもう一度開いてください。',
  notLinkedTitle: 'アカウント連携が必要です',
  notLinked:
    'このLINEアカウントは、まだ図書館の利用者番号と連携されていません。トーク画面のメニューから「アカウント連携」をタップし、利用者番号とWebサービスのパスワードを入力して連携してください。',
  expiredTitle: 'もう一度開いてください',
  accessTitle: 'Webサービスをご利用いただけません',
  colon: '：',
  /** Between facts on one line (type ・ year ・ publisher); in the dictionary so English has its own. */
  sep: ' ・ ',
  /** Between items of a short list (volumes 上・下). */
  listSep: '・',
  close: '閉じる',
  cancel: 'やめる',
  yes: 'はい',
  phone: (name: string) => `${name}に電話する`,
  paren: ['（', '）'],
  date: 'ja',
  card: {
    title: '図書館カード',
    number: '利用者番号',
    name: 'お名前',
    barcodeLabel: (n: string) => `利用者番号 ${n} の貸出用バーコード`,
    copy: '番号をコピー',
    copied: '利用者番号をコピーしました。',
    copyFailed: 'コピーできませんでした。番号を長押ししてコピーしてください。',
    brightness: '読み取りにくいときは、画面の明るさを上げてください。',
    stale: '前回表示した情報です。通信できるようになると最新の情報に切り替わります。',
    /** The library's system cannot be reached: the card is the kept one or the linked one. */
    systemDown:
      '図書館のシステムにただいま接続できません。カードは表示できますが、貸出や予約の確認は、しばらくしてからお試しください。',
    first: 'カードを準備しています…',
  },
  portal: {
    title: 'マイポータル',
    hello: (name: string) => `${name} さん`,
    loans: (n: number, overdue: number) =>
      `貸出中 ${n}点${overdue ? `（うち返却期限切れ ${overdue}点）` : ''}`,
    holds: (n: number, ready: number) => `予約中 ${n}点${ready ? `（うち確保中 ${ready}点）` : ''}`,
    overdue: (n: number) => `返却期限を過ぎた資料が${n}点あります`,
    overdueNext:
      'お早めに、市内のどの図書館でもご返却ください（閉館中は返却ポストへ）。期限を過ぎた資料は延長できません。長く返却されないと、貸出や予約ができなくなります。',
    overdueLink: '貸出中一覧で確かめる',
    family: 'このLINEアカウントのほかのカード',
  },
  loans: {
    title: '貸出中一覧',
    empty: '現在お借りになっている資料はありません。',
    due: '返却期限',
    overdue: '返却期限を過ぎています。お早めにご返却ください。',
    renew: '延長する',
    renewed: (date: string) => `延長しました。新しい返却期限は ${date} です。`,
    nextFrom: (date: string) => `次の延長は ${date} からできます。`,
    noMore: 'この資料はこれ以上延長できません。',
    cannot: '延長できません',
    renewAll: 'まとめて延長する',
    renewAllQuote: (n: number) => `延長できる ${n}点をすべて延長します。よろしいですか？`,
    renewAllNone: '今は延長できる資料がありません。',
    results: '延長の結果',
    resultOk: (from: string, to: string) => `延長しました（${from} → ${to}）`,
    /** A few words before core's sentence, which names the policy's numbers (so none here). */
    reasons: {
      held: '予約が入っています',
      overdue: '返却期限を過ぎています',
      ill: '他の図書館から借り受けた資料です',
      av_limit: 'CD・DVD・ビデオの延長回数の上限に達しています',
      cap_reached: '延長できる期間の上限に達しています',
      too_soon: '貸出日の翌日から延長できます',
      no_gain: '延長しても返却期限は延びません',
      blocked: '長期間返却されていない資料があります',
      library_refused: '図書館のシステムが延長を受け付けませんでした',
    } satisfies Record<RenewRefusalReason, string>,
  },
  holds: {
    title: '予約中一覧',
    empty: '現在、予約している資料はありません。',
    counts: (t: number, lt: number, av: number, lav: number) =>
      `予約 ${t}／${lt}点（うちCD・DVD・ビデオ ${av}／${lav}点）`,
    state: {
      waiting: '予約中',
      in_transit: '回送中',
      ready: '確保中（受け取れます）',
      collected: '受取済み',
      cancelled: '取消済み',
      expired: '取置期限切れ',
    } satisfies Record<HoldState, string>,
    /** HOLD-LOCKER: ready in the locker, already lent (a patron walk: 「確保中」 said less). */
    inLocker: 'ロッカーに入っています（受け取れます）',
    inLockerNote: '貸出の手続きは済んでいるため、貸出中一覧にも表示されます。',
    /** Instead of "cannot be cancelled": what to do if they no longer want it (HOLD-LOCKER). */
    inLockerUnwanted: (date: string) =>
      `受け取りをやめる場合は、何もしなくて構いません。${date}を過ぎると、自動で返却の扱いになります。`,
    position: (n: number) => `予約順位 ${n}位`,
    pickup: '受取場所',
    /** Front mode: the library system does not say where a hold is collected. */
    pickupAsked: 'ご予約の際にご指定の場所',
    pickupBy: (date: string) => `${date}までにお受け取りください`,
    /** HOLD-BOOKMOBILE: the visit a ready station hold is loaded for, as its notice names it. */
    visit: 'お渡し日時',
    visitTime: (start: string, end: string) => `${start}〜${end}`,
    /** …and its state: set aside, but handed over at that visit, not now (a patron walk). */
    readyForVisit: '確保中（運行日にお渡しします）',
    /** …and the visit after it (the hold's pickup-by), in the notice's words. */
    visitNext: (date: string) =>
      `この日にお越しになれない場合は、次の運行日（${date}）にお受け取りください。`,
    /** Said whatever the notice settings: how the patron hears of it is the 確認 page's. */
    transitTo: (place: string) => `${place}へ運んでいます。届くと、受け取れるようになります。`,
    setVolume: (v: number, of: number) => `セット予約 ${v}／${of}巻目`,
    cancel: '予約を取り消す',
    cancelQuote: (title: string) => `「${title}」の予約を取り消します。よろしいですか？`,
    cancelled: '予約を取り消しました。',
    change: '受取場所を変更する',
    changeTo: '新しい受取場所',
    changeSave: '変更する',
    changed: '受取場所を変更しました。',
    changedSet: (n: number) => `セットの${n}冊の受取場所を変更しました。`,
    changeWhich: '変更する巻',
    changeWhole: 'セットの全巻（まだ用意していない巻）',
    changeOne: 'この巻だけ（セットが分かれ、巻ごとの受取になります）',
    changeQuote: (place: string, whole: boolean) =>
      `${whole ? 'セットの全巻の' : ''}受取場所を「${place}」に変更します。よろしいですか？`,
    noticeOff:
      '「予約資料の用意ができたとき」のLINEのお知らせをオフにしているため、お知らせしていません。',
    noticeFailed: '用意ができたお知らせをお送りできませんでした。',
    noticeUndeliverable:
      'LINEでお知らせを届けられませんでした。公式アカウントをブロックしていないかご確認ください。',
    suspend: '休止する',
    suspended: (until: string) => `休止中（${until}まで）`,
    suspendedNote:
      '休止中は、資料の順番が来ても次の方へ回ります。予約順位はそのままで、翌日から自動で再開します。',
    suspendUntil: '休止する最後の日',
    suspendHint: (latest: string) => `${latest}まで選べます。`,
    suspendSave: '休止する',
    suspendChange: '休止の期限を変える',
    suspendDone: (until: string) => `${until}まで予約を休止しました。`,
    resume: '再開する',
    resumed: '予約を再開しました。',
  },
  search: {
    title: '蔵書検索',
    label: 'キーワード（書名・著者名・出版者・ISBN）',
    submit: '検索する',
    blank: '検索することばを入力してください。',
    found: (n: number) => `${n}件見つかりました。`,
    none: '見つかりませんでした。別のことばでお試しください。',
    noneNumber:
      'この番号の資料は見つかりませんでした。番号をお確かめいただくか、書名や著者名でお探しください。',
    more: '次のページ',
    prev: '前のページ',
    /** A page past the end (an old link); `pages` is 0 when the server would not say. */
    pastEnd: (pages: number) =>
      `このページには検索結果がありません。${pages ? `検索結果は${pages}ページ目までです。` : ''}`,
    toLastPage: (n: number) => `最後のページ（${n}ページ目）へ`,
    toFirstPage: '1ページ目へ',
    /** Books are counted in 冊; CDs, DVDs, videos and the rest in 点 (a patron walk: 「DVD 2冊」). */
    counts: (copies: number, onShelf: number, book = true) =>
      `所蔵 ${copies}${book ? '冊' : '点'}・書架にあるもの ${onShelf}${book ? '冊' : '点'}`,
    /** While the library's system cannot be reached: said once above the list, then per hit. */
    countsUnknown: '所蔵：いまは確認できません',
    down: '図書館のシステムにただいま接続できないため、所蔵と貸出の状況は表示できません。資料を予約カートに入れておけば、復旧後に予約できます。',
    /** The guide's own 「Sマーク」 (FAQ A2), with what it means: a phone shows no tooltip. */
    setMark: (volumes: number) => `S セット資料（全${volumes}巻）`,
    year: (y: number) => `${y}年`,
    audiobookNote: '録音図書は、録音図書の利用登録をされた方が予約できます。',
    material: {
      book: '図書',
      magazine: '雑誌',
      manga: 'マンガ',
      kamishibai: '紙芝居',
      cd: 'CD',
      dvd: 'DVD',
      video: 'ビデオ',
      audiobook: '録音図書',
    } satisfies Record<MaterialType, string>,
    notForLoan: '禁帯出',
    /** More matches than the search counts (issue 21): "1,000件以上". */
    foundAtLeast: (n: number) => `${n.toLocaleString('ja-JP')}件以上見つかりました。`,
  },
  title: {
    /** The holds list as core's refusal names it (core/hold-messages.ts): made a link. */
    holdsList: '予約中一覧',
    availability: '所蔵と貸出状況',
    queue: (n: number) => `予約待ち ${n}件`,
    down: '図書館のシステムにただいま接続できないため、所蔵と貸出の状況、予約待ちの件数は表示できません。しばらくしてから、もう一度ご覧ください。',
    status: {
      on_shelf: '書架にあります',
      on_loan: '貸出中',
      in_transit: '回送中',
      held_for_pickup: '予約の確保中',
      not_for_loan: '禁帯出（館内でご利用ください）',
    } satisfies Record<CopyStatus, string>,
    transitTo: (place: string) => `回送先：${place}`,
    returnBy: (date: string) => `返却予定 ${date}`,
    addToCart: 'カートに入れる',
    inCart: 'カートに入っています',
    setNote:
      'Sマークのセット資料です。上・下巻などをまとめてカートに入れて予約すると、巻の順にご用意します（セット予約）。',
    addSet: 'セットの全巻をカートに入れる',
    volumes: 'このセットの巻',
    /** A volume's name as the catalogue writes it (上・中・下 or a number). */
    volume: (label: string, _n: number) => label,
    favAdd: 'お気に入りに追加',
    favRemove: 'お気に入りから外す',
    wantAdd: '「読みたい本」に追加',
    wantRemove: '「読みたい本」から外す',
    /** What the two marks are for, as they look alike (a patron walk). */
    marksNote:
      'お気に入りは「お気に入り一覧」に、読みたい本は「My本棚」に入ります。どちらもご本人だけが見られます。',
    publisher: '出版者',
    year: '出版年',
    notFoundTitle: '資料が見つかりません',
    notFound:
      'お探しの資料は、番号が正しくないか、目録から外れた可能性があります。蔵書検索からもう一度お探しください。',
    toSearch: '蔵書検索へ',
    offlineTitle: '通信できませんでした',
    failedTitle: '資料の情報を表示できませんでした',
  },
  cart: {
    title: '予約カート',
    empty: 'カートは空です。蔵書検索で資料を探して、カートに入れてください。',
    remove: 'カートから外す',
    setTogether: (name: string) => `「${name}」はセット予約になります（巻の順にご用意します）。`,
    setMissing: (name: string, labels: string[]) =>
      `「${name}」の${labels.join('・')}はまだカートに入っていません。`,
    addMissing: '残りの巻も入れる',
    next: '受取場所を選ぶ',
  },
  pickup: {
    title: '受取場所',
    legend: '受取場所を選んでください',
    kinds: {
      library: '図書館',
      branch_room: '分室',
      bookmobile: '自動車文庫ステーション',
      locker: '予約図書受取ロッカー',
    } satisfies Record<PickupKind, string>,
    /** `days`: the lockers' pickup window as the API sends it (Policy pickup.lockerDays). */
    locker: (days: number) =>
      `ロッカーで受け取る場合は、用意ができた時点で貸出の手続きをしてからロッカーに入れます。お知らせから${days}日以内にお受け取りください。`,
    next: '確認画面へ進む',
    choose: '受取場所を選んでください。',
  },
  /** Pages the 確認 and 完了 lines name, as they name them: linked where first named (ui/Lines.tsx). */
  pageNames: { holds: '予約中一覧', settings: '設定の「LINEでのお知らせ」' },
  confirm: {
    title: '予約内容の確認',
    items: '予約する資料',
    place: '受取場所',
    /**
     * How the card will hear it (the settings' `hold_notice`): never LINE when LINE will not
     * come; the lockers' extra time only for a locker pickup. One idea a line, each shown as
     * its own paragraph (a patron walk at 150% text): with no notice coming, that none will,
     * then where to look, then how to have it on LINE.
     */
    notice: (
      n: NoticeTimes | null,
      way: HoldNoticeWay = 'line',
      /** A locker's days to collect (HOLD-LOCKER); null for any other place. */
      lockerDays: number | null = null,
    ): string[] =>
      way === 'email'
        ? ['ご用意ができたら、ご登録のメールアドレスにお知らせします（LINEではお知らせしません）。']
        : way === 'none'
          ? [
              'いまの設定では、ご用意ができてもお知らせは届きません。',
              // HOLD-LOCKER: the loan starts as the copy goes in; unheard of, it would run out.
              ...(lockerDays === null
                ? ['予約中一覧でご確認ください。']
                : [
                    'ロッカーの資料は、ロッカーに入った時点で貸出となります。',
                    `${lockerDays}日以内にお受け取りがない場合は返却扱いとなりますので、予約中一覧をこまめにご確認ください。`,
                  ]),
              'LINEで受け取るには、設定の「LINEでのお知らせ」をご確認ください。',
            ]
          : n
            ? [
                `ご用意ができたら、LINEでお知らせします（${jaTimes(lockerDays !== null ? [...n.standard, ...n.lockerAlso] : n.standard, '・')}）。`,
              ]
            : ['ご用意ができたら、LINEでお知らせします。'],
    submit: '予約する',
    back: 'カートに戻る',
    empty:
      'カートが空のため、予約する資料がありません。蔵書検索で資料を探して、カートに入れてください。すでに予約した資料は、予約中一覧でご確認いただけます。',
    toSearch: '蔵書検索で探す',
  },
  done: {
    title: (_count: number) => '予約を受け付けました',
    /** Opened with no hold just placed (a bookmark, a shared link): nothing is claimed. */
    noneTitle: '予約の受付',
    none: 'この画面で今お知らせする予約はありません。予約した資料は「予約中一覧」でご確認いただけます。',
    /**
     * After core's confirmation (the API's `message`): how long the patron has to collect; at a
     * bookmobile station, the visit the copy is loaded for or the one after (HOLD-BOOKMOBILE).
     */
    body: (days: number, kind: PickupKind, _count: number, way: HoldNoticeWay = 'line') =>
      kind === 'bookmobile'
        ? way === 'none'
          ? 'ご用意ができてから最初の運行日か、その次の運行日にお受け取りください。運行日は予約中一覧でご確認いただけます。'
          : 'お知らせする運行日か、その次の運行日にお受け取りください。'
        : `${way === 'none' ? 'ご用意ができてから' : 'お知らせから'}${days === 7 ? '1週間' : `${days}日`}以内に${kind === 'locker' ? 'ロッカーから' : ''}お受け取りください。`,
    toHolds: '予約中一覧を見る',
    toSearch: '続けて探す',
  },
  favourites: {
    title: 'お気に入り一覧',
    empty: 'お気に入りに登録した資料はありません。',
  },
  shelf: {
    title: 'My本棚',
    history: '読んだ本（貸出履歴）',
    optIn: '貸出履歴を記録する',
    optInHelp:
      'オンにすると、これからお借りする本をここに記録します。記録はご本人だけが見られます。オフにすると記録を止めます（記録済みのものは、削除するまで残ります）。',
    historyEmpty: '記録された本はありません。',
    borrowed: (date: string) => `${date} 貸出`,
    delete: '削除する',
    deleteQuote: (title: string) => `「${title}」を履歴から削除します。よろしいですか？`,
    deleteAll: '履歴をすべて削除する',
    deleteAllQuote: '貸出履歴をすべて削除します。元に戻せません。よろしいですか？',
    deleted: '削除しました。',
    want: '読みたい本',
    wantEmpty: '「読みたい本」に登録した資料はありません。資料の詳細画面から登録できます。',
  },
  settings: {
    title: '設定',
    password: 'パスワードの変更',
    current: '現在のパスワード',
    next: '新しいパスワード',
    again: '新しいパスワード（確認のため、もう一度）',
    rule: (min: number, max: number) => `${min}文字以上${max}文字以内で入力してください。`,
    mismatch: '新しいパスワードが確認用と一致しません。',
    short: (min: number, max: number) => `新しいパスワードは${min}文字以上${max}文字以内です。`,
    change: 'パスワードを変更する',
    changed: 'パスワードを変更しました。',
    notices: 'LINEでのお知らせ',
    hold_ready: '予約資料の用意ができたとき',
    overdue: '返却期限を過ぎたとき',
    saved: '保存しました。',
    unlink: 'LINE連携の解除',
    unlinkHelp:
      '解除すると、LINEで図書館カードやマイポータルが使えなくなり、お知らせも届かなくなります。もう一度使うときは、メニューの「アカウント連携」から連携してください。',
    unlinkButton: '連携を解除する',
    unlinkQuote: '本当にLINE連携を解除しますか？',
    /**
     * Said in the question when LINE is the only way a ready hold can be told (ACC-PASSWORD);
     * the e-mail remedy only where the library system e-mails its notices.
     */
    unlinkQuoteHolds: (emailWouldReach: boolean): string =>
      emailWouldReach
        ? '予約中の資料があり、確認済みのメールアドレスの登録がないため、解除すると、ご用意ができたことをお知らせできなくなります（メールアドレスは図書館のカウンターで登録できます）。それでもLINE連携を解除しますか？'
        : '予約中の資料があるため、解除すると、ご用意ができてもお知らせが届かなくなります。それでもLINE連携を解除しますか？',
    unlinked: 'LINE連携を解除しました。ご利用ありがとうございました。',
  },
  /** What the library's system does not offer here (capabilities): said once, with the OPAC. */
  elsewhere: {
    renew: 'この図書館のシステムでは、LINEから貸出の延長はできません。',
    holds: 'この図書館のシステムでは、LINEから予約はできません。',
    holdChanges: 'この図書館のシステムでは、LINEから予約の取消しや受取場所の変更はできません。',
    passwords: 'この図書館のシステムでは、LINEからパスワードの登録や変更はできません。',
    opac: '図書館のホームページ（蔵書検索）で手続きする',
    ask: 'お手数ですが、図書館の窓口でお手続きいただくか、お電話でお問い合わせください。',
  },
  scan: {
    button: 'スキャン',
    buttonHelp: '本の裏表紙のバーコード（978・979で始まるISBN）を読み取って探せます。',
    camera: 'カメラでバーコードを読み取る',
    cameraHelp: '本の裏表紙にある、978または979で始まるバーコードを枠の中に写してください。',
    cameraFailed:
      'カメラを使えませんでした。カメラの使用を許可するか、下の欄にISBNを入力してください。',
    notRead: 'バーコードを読み取れませんでした。もう一度お試しいただくか、ISBNを入力してください。',
    typeLabel: 'ISBN（13けた）',
    typeSubmit: 'この番号で探す',
    close: 'とじる',
    title: 'ISBNで探す',
    looking: '図書館の本を探しています…',
    noCode:
      'ISBN（本のバーコードの番号）が入っていないため、本を探せませんでした。下の「スキャン」でバーコードを読み取るか、蔵書検索で書名などから探してください。',
    notHeld: 'この本は図書館にありません',
    notHeldHelp:
      '購入のご希望があれば、下の「購入リクエスト」でお知らせください。図書館で検討します（ご希望に添えない場合もあります）。',
    isbn: 'ISBN',
    requestTitle: '購入リクエスト',
    bookTitle: '書名（必須）',
    author: '著者名',
    note: 'ひとこと（任意）',
    send: '購入をリクエストする',
    sent: '購入リクエストを受け付けました。ありがとうございます。',
    duplicate: 'この本の購入リクエストは、すでに受け付けています。',
    again: '別の本をスキャンする',
  },
  noticeSettings: {
    when: (n: NoticeTimes | null) =>
      n
        ? `お知らせはLINEで、${jaTimes(n.standard, 'と')}にお送りします${n.lockerAlso.length ? `（ロッカーの受け取りは${jaTimes(n.lockerAlso, 'と')}にも）` : ''}。`
        : 'お知らせはLINEでお送りします。',
    holdReadyLocked:
      '予約中の資料があるため、このお知らせは止められません。用意ができたことをお伝えする方法は、いまはこのお知らせだけです。',
    dueSoon: '返却期限が近づいたとき',
    dueSoonHelp:
      '返却期限の何日前にお知らせするかを選べます。延長できる資料は、お知らせのボタンからそのまま延長できます。',
    off: 'お知らせしない',
    daysBefore: (n: number) => `${n}日前`,
    expiry: `利用者登録の有効期限が近づいたとき（${EXPIRY_NOTICE_DAYS}日前）`,
    dueSoonUnavailable:
      '申し訳ありませんが、この図書館のシステムからは返却期限を受け取れないため、返却期限が近づいたときのお知らせはLINEではお送りできません。返却期限は「貸出中一覧」でご確認いただけます。',
    expiryUnavailable:
      '申し訳ありませんが、この図書館のシステムからは利用者登録の有効期限を受け取れないため、有効期限のお知らせはLINEではお送りできません。有効期限は図書館の窓口でご確認いただけます。',
    always:
      'パスワード再設定の確認や、この図書館カードが別のLINEアカウントと連携されたときのお知らせなど、アカウントに関するご連絡は止められません。',
  },
}

export type Dict = typeof ja
