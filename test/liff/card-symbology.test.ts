/**
 * LINE-CARD in every card symbology the Policy offers (issue 14 item 4): the card drawn in
 * Chromium, read from a screenshot with a real barcode reader (zxing), is exactly the id —
 * NW-7 with its start/stop characters, Code 39 and Code 128 with letters in the id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CardSymbology } from '../../liff/api-types.ts'
import { readCard } from './barcode-reader.ts'
import { appUrl, type Harness, openContext, startHarness } from './browser.ts'
import { FakeLibrary } from './fake-api.ts'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
}, 60_000)
afterAll(async () => h?.close())

const CASES: [CardSymbology, string, string][] = [
  ['codabar', '2100012345', 'B2100012345D'],
  ['code39', 'HK-00123A', 'HK-00123A'],
  ['code128', 'Lib0042x', 'Lib0042x'],
]

describe('the card in the policy’s symbology', () => {
  for (const [symbology, id, read] of CASES)
    it(`LINE-CARD: ${symbology} card for ${id} decodes (zxing) to exactly ${read}`, async () => {
      const fake = new FakeLibrary()
      fake.me = { ...fake.me, patronNumber: id, barcode: { symbology, start: 'B', stop: 'D' } }
      const { page, context } = await openContext(h, fake)
      await page.goto(appUrl(h, 'card'))
      await page.locator('svg.barcode').waitFor()
      await page.getByText(id, { exact: true }).waitFor()
      expect(readCard(await page.screenshot(), symbology)).toBe(read)
      await context.close()
    })
})
