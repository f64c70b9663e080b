/**
 * What a patron's typed text asks for (NOTICE-NOREPLY: every text gets an answer). A short
 * keyword table, checked in order, so 「連携解除」 means unlink although it contains 「連携」.
 * Text is normalised first (NFKC: ｶｰﾄﾞ → カード, full-width letters → ASCII; lower case).
 * A long message is a question for a person, not a command: it gets help, which says whom to
 * phone. Anything unmatched gets help too.
 */

export type Intent =
  | 'lost_card'
  | 'unlink'
  | 'link'
  | 'card'
  | 'portal'
  | 'loans'
  | 'search'
  | 'phones'
  | 'hours'
  | 'help'
  | 'add_card'

/** Longer than this, text is treated as a question and answered with help. */
export const COMMAND_MAX_LENGTH = 40

/** Japanese keywords match anywhere; English ones as whole words. In priority order. */
export const INTENT_TABLE: ReadonlyArray<{ intent: Intent; ja: string[]; en: string[] }> = [
  // ACC-FAMILY: before 解除 and カード (card, library card), which these contain. The English
  // ones are the quick reply's own words (Add another card) and how a patron says it otherwise.
  {
    intent: 'add_card',
    ja: ['カードを追加', 'カード追加', 'もう一枚', '家族のカード'],
    en: [
      'add card',
      'add a card',
      'another card',
      'add library card',
      'add a library card',
      'another library card',
      'second card',
      'family card',
      'add family',
    ],
  },
  { intent: 'unlink', ja: ['解除', 'かいじょ'], en: ['unlink', 'disconnect'] },
  { intent: 'link', ja: ['連携', 'れんけい'], en: ['link', 'connect', 'login', 'log in'] },
  {
    intent: 'card',
    ja: ['カード', 'かーど', 'バーコード', 'ばーこーど'],
    en: ['card', 'barcode', 'library card'],
  },
  { intent: 'portal', ja: ['ポータル', 'マイページ'], en: ['portal', 'my page', 'mypage'] },
  {
    intent: 'loans',
    ja: ['貸出', '貸し出し', 'かしだし', '予約', 'よやく', '延長', 'えんちょう', '借り'],
    en: ['loan', 'loans', 'hold', 'holds', 'reserve', 'reservation', 'renew', 'borrowed'],
  },
  { intent: 'search', ja: ['検索', '蔵書', 'けんさく'], en: ['search', 'catalog', 'catalogue'] },
  // Before phones and help: 「何時まで電話できる？」 and "how late are you open" ask the hours.
  {
    intent: 'hours',
    ja: [
      '開館',
      '閉館',
      '休館',
      '営業時間',
      '何時まで',
      '何時から',
      '何時に開',
      '何時に閉',
      'なんじまで',
      'なんじから',
      '開いてる',
      '開いてます',
      '開いていますか',
      'あいてる',
      'あいてます',
      '閉まる',
      '閉まり',
      '今日やってる',
      '今日はやってる',
      'やってますか',
      '今日は休み',
      '休みですか',
    ],
    en: [
      'opening hours',
      'opening times',
      'opening time',
      'hours',
      'open today',
      'open now',
      'open tomorrow',
      'open until',
      'are you open',
      'library open',
      'when do you open',
      'when do you close',
      'what time do you',
      'closing time',
      'closed today',
      'are you closed',
    ],
  },
  {
    intent: 'phones',
    ja: ['電話', 'でんわ', '連絡先', '問い合わせ', '問合せ'],
    en: ['phone', 'tel', 'telephone', 'contact', 'call'],
  },
  {
    intent: 'help',
    ja: ['ヘルプ', 'へるぷ', '使い方', 'つかいかた', 'メニュー'],
    en: ['help', 'how', 'menu', 'usage'],
  },
]

function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[‘’]/g, "'").replace(/\s+/g, ' ').trim()
}

/**
 * A lost (or stolen) card, said any of the ways people say it: a card and a loss in one short
 * message, and not about its number or password (「カードの番号を忘れた」 is not a lost card).
 * Checked before the table, where カード / card alone means "show my card".
 */
const CARD = /カード|かーど|\bcard\b/
const LOSS =
  /なくし|無くし|失くし|紛失|落とし|おとし|盗ま|盗ら|なくなっ|無くなっ|見つからな|みつからな|見当たらな|\blost\b|\blose\b|\bstolen\b|\bstole\b|\bmissing\b|\bmisplaced\b|can'?t find|cannot find|can not find/
const NOT_THE_CARD = /番号|パスワード|暗証|\bnumber\b|\bpassword\b|\bpin\b/

function isLostCard(t: string): boolean {
  return CARD.test(t) && LOSS.test(t) && !NOT_THE_CARD.test(t)
}

/** An English keyword as a whole word; built once per keyword, not once per message. */
const wordPatterns = new Map<string, RegExp>()

function hasWord(text: string, word: string): boolean {
  let pattern = wordPatterns.get(word)
  if (!pattern) {
    const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    pattern = new RegExp(`(^|[^a-z])${escaped}($|[^a-z])`)
    wordPatterns.set(word, pattern)
  }
  return pattern.test(text)
}

export function intentOf(text: string): Intent {
  const t = normalise(typeof text === 'string' ? text : '')
  if (t.length === 0 || t.length > COMMAND_MAX_LENGTH) return 'help'
  if (isLostCard(t)) return 'lost_card'
  for (const row of INTENT_TABLE) {
    if (row.ja.some((k) => t.includes(k)) || row.en.some((k) => hasWord(t, k))) return row.intent
  }
  return 'help'
}
