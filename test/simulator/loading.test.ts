/**
 * The simulator's loading animation endpoint follows LINE's reference: a user ID, 5–60 s in
 * steps of 5 (default 20), 202 with an empty object; anything else is a 400 naming the field.
 */
import { describe, expect, it } from 'vitest'
import { makeSimulator } from './helpers.ts'

describe('chat loading animation', () => {
  it('accepts a user chat with 5–60 seconds in steps of 5, and the default', async () => {
    const t = makeSimulator()
    await t.sim.users.follow(t.alice)
    for (const body of [{ chatId: t.alice, loadingSeconds: 5 }, { chatId: t.alice }]) {
      const res = await t.call('POST', '/v2/bot/chat/loading/start', { body })
      expect(res.status).toBe(202)
      expect(await res.json()).toEqual({})
    }
  })

  it('refuses a group id, seconds off the 5-second steps or past 60, naming the field', async () => {
    const t = makeSimulator()
    const cases = [
      [{ chatId: 'C0123456789abcdef0123456789abcdef' }, 'chatId'],
      [{ chatId: t.alice, loadingSeconds: 7 }, 'loadingSeconds'],
      [{ chatId: t.alice, loadingSeconds: 65 }, 'loadingSeconds'],
    ] as const
    for (const [body, property] of cases) {
      const res = await t.call('POST', '/v2/bot/chat/loading/start', { body })
      expect(res.status).toBe(400)
      expect(JSON.stringify(await res.json())).toContain(property)
    }
  })
})
