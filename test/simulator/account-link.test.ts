import { describe, expect, it } from 'vitest'
import { USER_COOKIE } from '../../bot/simulator/index.ts'
import { makeSimulator } from './helpers.ts'

async function setUp() {
  const t = makeSimulator()
  await t.sim.users.follow(t.alice)
  await t.sim.users.follow(t.bob)
  const res = await t.call('POST', `/v2/bot/user/${t.alice}/linkToken`)
  const { linkToken } = (await res.json()) as { linkToken: string }
  const open = (as: string, token = linkToken, nonce = 'n0nce-abc', choice?: string) =>
    t.sim.app.request(`/dialog/bot/accountLink?linkToken=${token}&nonce=${nonce}`, {
      headers: { cookie: `${USER_COOKIE}=${as}` },
      ...(choice ? { method: 'POST', body: new URLSearchParams({ choice }) } : {}),
    })
  const lastLink = () => t.webhooks.at(-1)!.json.events[0]!
  return { ...t, linkToken, open, lastLink }
}

describe('account-link dialog', () => {
  it('asks first, as LINE does: opening it links nothing; キャンセル sends nothing', async () => {
    const t = await setUp()
    const before = t.webhooks.length
    const page = await t.open(t.alice)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('許可する')
    expect(html).toContain('キャンセル')
    const cancelled = await t.open(t.alice, t.linkToken, 'n0nce-abc', 'cancel')
    expect(await cancelled.text()).toContain('連携を中止しました')
    expect(t.webhooks).toHaveLength(before)
    expect(t.sim.state.linkTokens.get(t.linkToken)!.used).toBe(false)
  })

  it('speaks the LINE user’s language', async () => {
    const t = await setUp()
    t.sim.state.users.get(t.alice)!.language = 'en'
    const html = await (await t.open(t.alice)).text()
    expect(html).toContain('lang="en"')
    expect(html).toContain('Allow')
    const done = await (await t.open(t.alice, t.linkToken, 'n0nce-abc', 'allow')).text()
    expect(done).toContain('Account linked')
  })

  it('consumes the token and sends accountLink ok with the nonce and a reply token', async () => {
    const t = await setUp()
    const page = await t.open(t.alice, t.linkToken, 'n0nce-abc', 'allow')
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('連携しました')
    const event = t.lastLink()
    expect(event).toMatchObject({
      type: 'accountLink',
      source: { type: 'user', userId: t.alice },
      link: { result: 'ok', nonce: 'n0nce-abc' },
    })
    expect(event.replyToken).toMatch(/^[0-9a-f]{32}$/)
    expect(t.sim.state.linkTokens.get(t.linkToken)!.used).toBe(true)
  })

  it('fails a reused token', async () => {
    const t = await setUp()
    await t.open(t.alice, t.linkToken, 'n0nce-abc', 'allow')
    const again = await t.open(t.alice)
    expect(again.status).toBe(400)
    expect(await again.text()).toContain('すでに使われています')
    expect(t.lastLink()).toMatchObject({ link: { result: 'failed', nonce: 'n0nce-abc' } })
    expect(t.lastLink().replyToken).toBeUndefined()
  })

  it('fails a token after ten minutes', async () => {
    const t = await setUp()
    t.time.advance(10 * 60_000)
    const page = await t.open(t.alice)
    expect(await page.text()).toContain('有効期限')
    expect(t.lastLink()).toMatchObject({ link: { result: 'failed' } })
  })

  it('succeeds just inside ten minutes', async () => {
    const t = await setUp()
    t.time.advance(10 * 60_000 - 1)
    await t.open(t.alice, t.linkToken, 'n0nce-abc', 'allow')
    expect(t.lastLink()).toMatchObject({ link: { result: 'ok' } })
  })

  it('fails when another user opens the link, and leaves the token usable by its owner', async () => {
    const t = await setUp()
    await t.open(t.bob)
    expect(t.lastLink()).toMatchObject({ source: { userId: t.bob }, link: { result: 'failed' } })
    await t.open(t.alice, t.linkToken, 'n0nce-abc', 'allow')
    expect(t.lastLink()).toMatchObject({ source: { userId: t.alice }, link: { result: 'ok' } })
  })

  it('fails an unknown token', async () => {
    const t = await setUp()
    await t.open(t.alice, 'x'.repeat(32))
    expect(t.lastLink()).toMatchObject({ link: { result: 'failed' } })
  })

  it('sends nothing when it cannot tell who opened it', async () => {
    const t = await setUp()
    const before = t.webhooks.length
    const page = await t.sim.app.request(`/dialog/bot/accountLink?linkToken=${t.linkToken}&nonce=n`)
    expect(page.status).toBe(400)
    expect(t.webhooks).toHaveLength(before)
    expect(t.sim.state.linkTokens.get(t.linkToken)!.used).toBe(false)
  })

  it('takes the opener from ?simUserId= too', async () => {
    const t = await setUp()
    await t.sim.app.request(
      `/dialog/bot/accountLink?linkToken=${t.linkToken}&nonce=n&simUserId=${t.alice}`,
      { method: 'POST', body: new URLSearchParams({ choice: 'allow' }) },
    )
    expect(t.lastLink()).toMatchObject({ link: { result: 'ok', nonce: 'n' } })
  })
})
