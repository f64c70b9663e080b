// @vitest-environment happy-dom
/** @jsxImportSource preact */
/**
 * ACC-FAMILY in English: in a family member's section (加藤 亮, the LINE account's second
 * card) the sentences about the card name him, not "you"; unlinking says which card goes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeFamily } from '../../../test/liff/fake-family.ts'
import * as F from '../../../test/liff/fixtures.ts'
import { $, click, type Mounted, mount, text, unmount, until } from '../../../test/liff/kit.tsx'

let m: Mounted | null = null
beforeEach(() => localStorage.clear())
afterEach(() => m && unmount(m))

const EN = 'simUserId=U1&lang=en'
const RYO = { patronId: 7, patronNumber: '1000000010', name: '加藤 亮' }
const section = (name: string) =>
  [...m!.root.querySelectorAll<HTMLElement>('section.person')].find((s) =>
    $(s, 'h2').textContent?.includes(name),
  )!

describe('family cards: whose words, in English (ACC-FAMILY)', () => {
  it('ACC-FAMILY: the other card’s empty lists and cancel question name him, not "you"', async () => {
    const waiting = F.holds().filter((h) => h.state === 'waiting')
    const fake = new FakeFamily([{ ...RYO, loans: [], holds: waiting }])
    m = await mount('loans', { fake, query: EN })
    await until(() =>
      expect(text(section('加藤 亮'))).toContain(
        "Nothing is on loan on 加藤 亮's card at the moment.",
      ),
    )
    expect(text(m.root)).not.toContain('You have nothing on loan')
    unmount(m)
    m = await mount('holds', { fake, query: EN })
    await until(() => expect(text(section('加藤 亮'))).toContain('世界の料理'))
    await click(section('加藤 亮'), 'Cancel hold', 'button')
    await until(() =>
      expect(text(section('加藤 亮'))).toContain('Cancel 加藤 亮\'s hold on "世界の料理"?'),
    )
  })

  it('ACC-FAMILY, LINE-LINK: unlinking in a section says which card goes, his or this one', async () => {
    m = await mount('settings', {
      fake: new FakeFamily([{ ...RYO, loans: [], holds: [] }]),
      query: EN,
    })
    await until(() => expect(text(section('加藤 亮'))).toContain('Unlink'))
    await click(section('加藤 亮'), 'Unlink', 'button.danger')
    await until(() =>
      expect(text(section('加藤 亮'))).toContain(
        "Unlink 加藤 亮's card now? The other cards stay linked.",
      ),
    )
    await click(section('枚方 花子'), 'Unlink', 'button.danger')
    await until(() =>
      expect(text(section('枚方 花子'))).toContain(
        'Unlink this card now? The other cards stay linked.',
      ),
    )
    expect(text(m.root)).not.toContain('Unlink your LINE account now?')
  })
})
