/**
 * Issue 14 item 2: what the library's system cannot do is hidden in the LIFF app, with a line
 * and a link to the library's OPAC (OPAC_URL). The real bot over the demo library, its
 * embedded library system wrapped so that capabilities() says: no renew, no holds, no
 * cancel, no change of pickup place, no registration expiry date; Hanako (who has renewable loans and cancellable holds)
 * opens her loans, holds and a title in Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LoansResponse, Me } from '../../liff/api-types.ts'
import { type E2E, liffUrl, linkHanako, openTab, startE2E } from './harness.ts'

const OPAC = 'https://opac.example.jp/'

let e: E2E
let userId: string

beforeAll(async () => {
  e = await startE2E({
    env: { OPAC_URL: OPAC },
    library: (embedded) => ({
      ...embedded,
      capabilities: () => ({
        ...embedded.capabilities(),
        renew: false,
        renewAll: false,
        holds: false,
        cancelHold: false,
        changePickup: false,
        // An ILS that sends no registration expiry date (SIP2 has no standard field for it).
        expiryNotices: false,
      }),
    }),
  })
  userId = await linkHanako(e)
}, 60_000)

afterAll(async () => e?.close())

async function api<T>(path: string): Promise<T> {
  const token = await fetch(`${e.b.origin}/simulator/api/users/${userId}/id-token`)
  const { idToken } = (await token.json()) as { idToken: string }
  const res = await fetch(`${e.b.origin}${path}`, {
    headers: { authorization: `Bearer ${idToken}` },
  })
  return (await res.json()) as T
}

async function open(route: string) {
  const tab = await openTab(e)
  await tab.page.goto(liffUrl(e.b, userId, route))
  return tab
}

describe('the LIFF app hides what the library system cannot do', () => {
  it('/api/me carries the system’s capabilities with the configured OPAC_URL', async () => {
    const me = await api<Me>('/api/me')
    expect(me.capabilities).toMatchObject({ renew: false, holds: false, opacUrl: OPAC })
  })

  it('RENEW-BOOK: no renew or renew-all buttons on the loans page; the OPAC link is there', async () => {
    const { page, context, problems } = await open('loans')
    await page.locator('li.item', { hasText: '残響事件簿' }).waitFor()
    await page.getByText('LINEから貸出の延長はできません').waitFor()
    expect(await page.getByRole('button', { name: '延長する' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: 'まとめて延長する' }).count()).toBe(0)
    const link = page.getByRole('link', { name: '図書館のホームページ（蔵書検索）で手続きする' })
    expect(await link.getAttribute('href')).toBe(OPAC)
    expect(problems).toEqual([])
    await context.close()
  })

  it('HOLD-CANCEL, HOLD-CHANGE: no cancel or change-pickup buttons on the holds page; the OPAC link is there', async () => {
    const { page, context } = await open('holds')
    await page.locator('li.item', { hasText: '川日和' }).waitFor()
    await page.getByText('LINEから予約の取消しや受取場所の変更はできません').waitFor()
    expect(await page.getByRole('button', { name: '予約を取り消す' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: '受取場所を変更する' }).count()).toBe(0)
    expect(await page.getByRole('link', { name: /で手続きする/ }).getAttribute('href')).toBe(OPAC)
    await context.close()
  })

  it('NOTICE-EXPIRY: the settings page offers no expiry notice the system cannot send, and says why; NOTICE-DUE-SOON is still offered', async () => {
    const { page, context, problems } = await open('settings')
    await page.getByRole('group', { name: '返却期限が近づいたとき' }).waitFor()
    await page.getByText('有効期限のお知らせはLINEではお送りできません').waitFor()
    expect(await page.getByRole('checkbox', { name: /利用者登録の有効期限/ }).count()).toBe(0)
    expect(problems).toEqual([])
    await context.close()
  })

  it('HOLD-LIMIT: a title page offers no hold (cart) button, only the OPAC link', async () => {
    const { loans } = await api<LoansResponse>('/api/loans')
    const title = loans[0]!.title
    const { page, context } = await open(`title/${title.id}`)
    await page.getByRole('heading', { name: title.name }).first().waitFor()
    await page.getByText('LINEから予約はできません').waitFor()
    expect(await page.getByRole('button', { name: /カートに入れる/ }).count()).toBe(0)
    expect(await page.getByRole('link', { name: /で手続きする/ }).getAttribute('href')).toBe(OPAC)
    await context.close()
  })
})
