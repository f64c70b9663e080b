/**
 * Issue 14 item 4: the link and password pages take the patron number in the library
 * system's format (Policy `patronNumber`): the keypad and example come from the Policy, and a
 * number in the wrong format is refused with the expected format named, before the library
 * system is asked.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { type Bunko, startBunko } from '../support/bunko.ts'
import { browser, hidden, requestLinkPage, signInOnLinkPage } from './link-flow.ts'

const LETTERS_POLICY = JSON.stringify({
  barcode: { symbology: 'code39' },
  patronNumber: {
    pattern: '^[A-Z]{2}[0-9]{6}$',
    maxLength: 8,
    keypad: 'text',
    example: 'HK001234',
  },
})

let b: Bunko | undefined
afterEach(async () => b?.close())

/** A bunko whose library system counts the numbers it was asked to authenticate. */
async function start(env: Record<string, string> = {}) {
  const asked: string[] = []
  b = await startBunko({
    env,
    library: (embedded) => ({
      ...embedded,
      authenticate: (input, now) => {
        asked.push(input.number)
        return embedded.authenticate(input, now)
      },
    }),
  })
  const user = b.users[0]!.userId
  await b.sim.users.follow(user)
  await b.settled()
  return { b, user, asked }
}

const input = (html: string) => /<input id="number"[^>]*>/.exec(html)?.[0] ?? ''

describe('patron number format on the link page', () => {
  it('LINE-LINK: Hirakata shows the numeric keypad and its example, and refuses letters naming the format', async () => {
    const { b, user, asked } = await start()
    const url = await requestLinkPage(b, user)
    const page = await browser().get(url)
    expect(input(page.html)).toContain('inputmode="numeric"')
    expect(input(page.html)).toContain('placeholder="1000000001"')
    expect(page.html).toContain('図書館カードの番号を数字で入力してください')

    const signed = await signInOnLinkPage(b, url, 'AB000001', 'hanako-0001')
    expect(signed.res.status).toBe(400)
    expect(signed.html).toContain('利用者番号の形式が正しくありません。')
    expect(signed.html).toContain('例：1000000001')
    expect(asked).toEqual([])

    // Full-width digits are folded and reach the library system as digits.
    const ok = await signInOnLinkPage(
      b,
      await requestLinkPage(b, user),
      '１０００００００01',
      'hanako-0001',
    )
    expect(ok.res.status).toBe(303)
    expect(asked).toEqual(['1000000001'])
  })

  it('LINE-LINK: a library whose ids hold letters shows a text keypad and takes them', async () => {
    const { b, user, asked } = await start({ BUNKO_POLICY: LETTERS_POLICY })
    const url = await requestLinkPage(b, user)
    const page = await browser().get(url)
    expect(input(page.html)).toContain('inputmode="text"')
    expect(input(page.html)).toContain('placeholder="HK001234"')
    expect(page.html).toContain('英数字')

    const wrong = await signInOnLinkPage(b, url, '1000000001', 'hanako-0001')
    expect(wrong.res.status).toBe(400)
    expect(wrong.html).toContain('例：HK001234')
    const letters = await signInOnLinkPage(b, await requestLinkPage(b, user), 'HK001234', 'x-0001x')
    // The demo library has no such patron: the library system was asked, and said no.
    expect(asked).toEqual(['HK001234'])
    expect(letters.res.status).toBe(400)
  })

  it('ACC-RESET: the password page takes the number in the same format and refuses another', async () => {
    const { b, asked } = await start({ BUNKO_POLICY: LETTERS_POLICY })
    const page = browser()
    const form = await page.get(`${b.origin}/password`)
    expect(input(form.html)).toContain('inputmode="text"')
    const sent = await page.post(`${b.origin}/password`, {
      csrf: hidden(form.html, 'csrf'),
      number: '12',
      name: '山田 花子',
      phone: '090-0000-0001',
      password: 'abcd1234efgh',
      confirm: 'abcd1234efgh',
    })
    expect(sent.res.status).toBe(400)
    expect(sent.html).toContain('図書館カードの番号を英数字で入力してください')
    expect(asked).toEqual([])
  })
})
