// @vitest-environment happy-dom
/** @jsxImportSource preact */
import { render } from 'preact'
import { afterEach, describe, expect, it } from 'vitest'
import { titleById } from '../../../test/liff/fixtures.ts'
import { setLang } from '../i18n/index.ts'
import { TitleLine } from './TitleLine.tsx'

const root = document.createElement('div')
afterEach(async () => {
  render(null, root)
  await setLang('ja')
})

/** The set's mark as drawn, and whether anything on the line hides its meaning in a tooltip. */
function mark(id: number) {
  render(<TitleLine title={titleById(id)} />, root)
  return { mark: root.querySelector('.mark')?.textContent, tooltip: root.querySelector('[title]') }
}

describe('TitleLine', () => {
  it('names a set in words with its volumes, in Japanese and English, with no tooltip', async () => {
    expect(mark(11)).toEqual({ mark: 'S セット資料（全2巻）', tooltip: null })
    await setLang('en')
    expect(mark(12)).toEqual({ mark: 'S: set of 2 volumes', tooltip: null })
  })

  it('a title outside any set has no mark', () => {
    expect(mark(13).mark).toBeUndefined()
  })
})
