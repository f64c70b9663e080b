/**
 * How text is laid out on the page, for the large-text tests: where lines break inside a
 * label, whether a line starts where Japanese typesetting forbids it, and how the bottom
 * menu's items fall into rows.
 */
import type { Page } from 'playwright-core'

/**
 * Each matched element's text as laid out, its lines joined by '／': a new line starts where a
 * character's top moves. '図書館／カード' is a word broken between its phrases.
 */
export function linesOf(page: Page, selector: string): Promise<string[]> {
  return page.evaluate(
    (sel) =>
      [...document.querySelectorAll(sel)].map((el) => {
        const lines: string[] = []
        let top = Number.NaN
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const text = n as Text
          for (let i = 0; i < text.length; i++) {
            const r = document.createRange()
            r.setStart(text, i)
            r.setEnd(text, i + 1)
            const y = Math.round(r.getBoundingClientRect().top)
            if (y !== top) lines.push('')
            lines.push(`${lines.pop() ?? ''}${text.data[i] ?? ''}`)
            top = y
          }
        }
        return lines.join('／')
      }),
    selector,
  )
}

/** How many of the bottom menu's items each of its rows holds, top to bottom. */
export function menuRows(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const rows = new Map<number, number>()
    for (const a of document.querySelectorAll('.menu-bar a')) {
      const top = Math.round(a.getBoundingClientRect().top)
      rows.set(top, (rows.get(top) ?? 0) + 1)
    }
    return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, n]) => n)
  })
}

/** Whether `laidOut` (from linesOf) is the phrases `parts` with lines broken only between them. */
export function brokenBetweenPhrases(laidOut: string, parts: string[]): boolean {
  if (laidOut.replace(/／/g, '') !== parts.join('')) return false
  return laidOut
    .split('／')
    .every((line) =>
      parts.some((_, i) =>
        parts.some((__, j) => j >= i && parts.slice(i, j + 1).join('') === line),
      ),
    )
}

/** The page's blocks of words, whose lines badLineStarts reads. */
const TEXT_BLOCKS = 'main p, main h1, main h2, main label, main legend, main button, main a'

/**
 * 行頭禁則: what a Japanese line may not start with (JIS X 4051's strict set, which CSS
 * `line-break: strict` keeps): a long-vowel mark, small kana, closing brackets and punctuation.
 */
const LINE_START_FORBIDDEN =
  /^[ーぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ、。，．・：；？！）」』】〕》〉…‥]/

/** Each block of words (as linesOf lays it out) with a line after its first starting badly. */
export async function badLineStarts(page: Page): Promise<string[]> {
  return (await linesOf(page, TEXT_BLOCKS)).filter((laidOut) =>
    laidOut.split('／').some((line, i) => i > 0 && LINE_START_FORBIDDEN.test(line)),
  )
}
