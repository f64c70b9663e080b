// @vitest-environment happy-dom
/** @jsxImportSource preact */
/**
 * The holds list in English. Its own file: the test kit keeps one LIFF session per file, and
 * the session's language (lang=en here) decides the app's language.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeLibrary } from '../../../test/liff/fake-api.ts'
import { atStation, count, inTransit } from '../../../test/liff/holds.ts'
import {
  byText,
  click,
  type Mounted,
  mount,
  text,
  unmount,
  until,
} from '../../../test/liff/kit.tsx'

let m: Mounted | null = null
beforeEach(() => localStorage.clear())
afterEach(() => m && unmount(m))

const item = (root: ParentNode) => byText<HTMLElement>(root, '世界の料理', 'li.item')

describe('Holds (English)', () => {
  it('HOLD-TRANSIT: the journey is said once, with no promise of a LINE notice', async () => {
    const refusal = 'A hold in transit cannot be cancelled online.'
    m = await mount('holds', { fake: inTransit(refusal), query: 'simUserId=U1&lang=en' })
    await until(() =>
      expect(text(item(m!.root))).toContain(
        'On its way to 楠葉図書館; it can be collected once it arrives.',
      ),
    )
    const words = text(item(m.root))
    expect(count(words, 'on its way')).toBe(1)
    expect(count(words, 'on LINE')).toBe(0)
    expect(words).toContain(refusal)
  })
  it('HOLD-BOOKMOBILE: a ready station hold names its visit and the next one', async () => {
    m = await mount('holds', { fake: atStation(), query: 'simUserId=U1&lang=en' })
    // The English texts may arrive after the first render: wait for them, not just the item.
    const ready = () => byText<HTMLElement>(m!.root, '川べりの四季', 'li.item')
    await until(() =>
      expect(text(ready())).toContain('Bookmobile visit: Wed 13 May 2026 13:30–14:10'),
    )
    expect(text(ready())).toContain(
      'If you cannot come then, please collect it at the next visit (Wed 27 May 2026).',
    )
    expect(text(ready())).not.toContain('Please collect by')
    expect(ready().querySelector('.state')?.textContent).toBe('Set aside for the bookmobile visit')
  })

  it('HOLD-CANCEL: the question offers Cancel hold and Go back, not two kinds of Cancel', async () => {
    const fake = new FakeLibrary()
    m = await mount('holds', { fake, query: 'simUserId=U1&lang=en' })
    await until(() => expect(m!.root.querySelector('li.item')).not.toBeNull())
    const before = fake.holds.length
    await click(m.root, 'Cancel hold', 'button')
    await until(() => expect(text(m!.root)).toContain('Go back'))
    const buttons = [...m.root.querySelectorAll('button')].map((b) => b.textContent)
    expect(buttons.filter((b) => b === 'Cancel')).toEqual([])
    await click(m.root, 'Go back', 'button')
    // The question is gone and nothing was cancelled: no DELETE was ever sent.
    await until(() => expect(text(m!.root)).not.toContain('Go back'))
    expect(fake.calls.filter((c) => c.startsWith('DELETE'))).toEqual([])
    expect(fake.holds.length).toBe(before)
  })
})
