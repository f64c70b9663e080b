import { beforeAll, describe, expect, it } from 'vitest'
import {
  barRuns,
  cardModules,
  codabarModules,
  loadCardEncoder,
  modulePx,
  QUIET_MODULES,
} from './barcode.ts'

describe('NW-7 barcode', () => {
  it('LINE-CARD: encodes start + number + stop, and refuses what NW-7 cannot carry', () => {
    const m = codabarModules('0', 'C', 'D')
    // C, narrow gap, 0, narrow gap, D (Codabar table, 1 = bar module).
    expect(m).toBe(`1010010011${'0'}101010011${'0'}1010011001`)
    expect(codabarModules('12AB', 'A', 'A')).toBeNull()
    expect(codabarModules('', 'A', 'A')).toBeNull()
  })

  it('LINE-CARD: bars start after the quiet zone, and modules are whole device pixels', () => {
    expect(barRuns('1101')[0]).toEqual([QUIET_MODULES, 2])
    expect(barRuns('1101')[1]).toEqual([QUIET_MODULES + 3, 1])
    expect(modulePx(328, 145, 2)).toBe(2) // 656 device px / 145 modules → 4 px → 2 CSS px
    expect(modulePx(328, 145, 3)).toBeCloseTo(6 / 3)
    expect(modulePx(100, 145, 1)).toBe(1) // never thinner than one device pixel
  })
})

describe('the Code 39 / Code 128 encoders (their own chunk)', () => {
  it('nothing to draw until the chunk has loaded; an NW-7 card needs no loading', async () => {
    expect(cardModules('AB12', { symbology: 'code39', start: 'A', stop: 'A' })).toBeUndefined()
    await loadCardEncoder('codabar')
    expect(cardModules('AB12', { symbology: 'code39', start: 'A', stop: 'A' })).toBeUndefined()
  })
})

describe('Code 39 and Code 128 cards (ids with letters)', () => {
  beforeAll(() => loadCardEncoder('code128'))

  it('LINE-CARD: Code 39 draws upper-case ids and refuses lower case rather than change the id', () => {
    const m = cardModules('AB12', { symbology: 'code39', start: 'A', stop: 'A' })
    // * A B 1 2 * : six characters of 12 modules with a narrow gap between data characters.
    expect(m?.startsWith('100010111011101')).toBe(true)
    expect(cardModules('ab12', { symbology: 'code39', start: 'A', stop: 'A' })).toBeNull()
  })

  it('LINE-CARD: Code 128 draws mixed-case ids and refuses what is not printable ASCII', () => {
    expect(cardModules('Lib0042x', { symbology: 'code128', start: 'A', stop: 'A' })).toMatch(
      /^1[01]+11$/,
    )
    expect(cardModules('図書1', { symbology: 'code128', start: 'A', stop: 'A' })).toBeNull()
  })

  it('LINE-CARD: a card cached before the symbology was sent is NW-7', () => {
    expect(cardModules('0', { start: 'C', stop: 'D' })).toBe(codabarModules('0', 'C', 'D'))
  })
})
