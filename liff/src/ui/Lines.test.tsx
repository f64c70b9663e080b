// @vitest-environment happy-dom
/** @jsxImportSource preact */
import { render } from 'preact'
import { afterEach, describe, expect, it } from 'vitest'
import { setLang } from '../i18n/index.ts'
import { Lines } from './Lines.tsx'

const root = document.createElement('div')
afterEach(async () => {
  render(null, root)
  await setLang('ja')
})

const KUZUHA = { name: '楠葉図書館', phone: '050-7102-3113' }
const LINES = [
  'ほかにお知らせする方法もないため、ご用意ができてもお知らせは届きません。',
  '予約中一覧でご確認いただくか、楠葉図書館（050-7102-3113）へお電話でお問い合わせください。',
  'LINEで受け取るには、設定の「LINEでのお知らせ」で「予約資料の用意ができたとき」をオンにしてください。',
]

/** What is drawn, in order: each paragraph's words, and each call button as `tel → name`. */
function drawn(props: Parameters<typeof Lines>[0]) {
  render(<Lines {...props} />, root)
  return [...root.children].map((e) =>
    e.tagName === 'A' ? `${e.getAttribute('href')} → ${e.textContent}` : e.textContent,
  )
}

describe('Lines', () => {
  it('a paragraph a line, and no call button without a contact', () => {
    expect(drawn({ lines: LINES })).toEqual(LINES)
    expect(root.querySelectorAll('p')).toHaveLength(3)
  })

  it("the contact's call button right under the line naming its number", () => {
    expect(drawn({ lines: LINES, contact: KUZUHA })).toEqual([
      LINES[0],
      LINES[1],
      'tel:05071023113 → 楠葉図書館に電話する（050-7102-3113）',
      LINES[2],
    ])
    // The number in the words stays on one line.
    expect([...root.querySelectorAll('p .nowrap')].map((s) => s.textContent)).toEqual([
      '050-7102-3113',
    ])
  })

  it('under the last line when no line names the number (the button is never lost)', () => {
    const other = { name: '中央図書館', phone: '050-7105-8141' }
    expect(drawn({ lines: LINES, contact: other }).at(-1)).toBe(
      'tel:05071058141 → 中央図書館に電話する（050-7105-8141）',
    )
  })

  it('in English, the button says whom it calls; the class is on every paragraph', async () => {
    await setLang('en')
    const lines = ['Please check your list of holds, or phone Kuzuha Library (050-7102-3113).']
    expect(drawn({ lines, contact: { ...KUZUHA, name: 'Kuzuha Library' }, class: 'note' })).toEqual(
      [lines[0], 'tel:05071023113 → Call Kuzuha Library (050-7102-3113)'],
    )
    expect(root.querySelector('p')?.className).toBe('note')
  })

  it('a page the lines name is a link where first named, once, the words as written', () => {
    const links = [
      { words: '予約中一覧', href: '#/holds' },
      { words: '設定の「LINEでのお知らせ」', href: '#/settings' },
      { words: 'カート', href: '#/cart' },
    ]
    const lines = [...LINES, '予約中一覧は、メニューからも開けます。']
    expect(drawn({ lines, contact: KUZUHA, links })).toEqual([
      lines[0],
      lines[1],
      'tel:05071023113 → 楠葉図書館に電話する（050-7102-3113）',
      lines[2],
      lines[3],
    ])
    const anchors = [...root.querySelectorAll('p a')].map(
      (a) =>
        `${a.closest('p')?.textContent?.slice(0, 6)}: ${a.getAttribute('href')} ${a.textContent}`,
    )
    expect(anchors).toEqual([
      `${lines[1]!.slice(0, 6)}: #/holds 予約中一覧`,
      `${lines[2]!.slice(0, 6)}: #/settings 設定の「LINEでのお知らせ」`,
    ])
  })
})
