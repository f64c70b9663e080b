/**
 * Chat replies that need the library's system: when it cannot be reached (front mode, ILS
 * down) the patron gets a plain sentence and the library's phone, never silence or an error.
 * The port is a tiny in-test double; the real chat flow is in test/bot/chat.test.ts.
 */
import type { messagingApi } from '@line/bot-sdk'
import { describe, expect, it } from 'vitest'
import {
  type LibraryPlace,
  type LibrarySystem,
  UNAVAILABLE_MESSAGE,
  unavailable,
} from '../../core/index.ts'
import { readConfig } from '../config.ts'
import type { Lang } from '../messages/lang.ts'
import { answerIntent } from './chat.ts'
import type { EventContext, EventDeps } from './context.ts'

const config = readConfig({ BUNKO_DEMO: '1' }, { publicUrl: 'http://bunko.test' })

const PLACE: LibraryPlace = {
  id: 1,
  name: '中央図書館',
  nameEn: 'Central Library',
  kind: 'library',
  phone: '050-7105-8141',
  parentId: null,
  openingHours: null,
}

/** Only `places` is asked for the phone list; anything else the double is asked fails loudly. */
function library(places: () => ReturnType<LibrarySystem['places']>): LibrarySystem {
  return new Proxy({ places } as LibrarySystem, {
    get: (target, key) => {
      if (key in target) return target[key as keyof LibrarySystem]
      throw new Error(`unexpected port call: ${String(key)}`)
    },
  })
}

async function phones(lib: LibrarySystem, lang: Lang): Promise<messagingApi.Message[]> {
  const sent: messagingApi.Message[] = []
  const ctx: EventContext = {
    deps: { config, library: lib } as EventDeps,
    userId: 'U1',
    lang,
    link: null,
    now: 0,
    reply: async (messages) => {
      sent.push(...messages)
    },
  }
  await answerIntent(ctx, 'phones')
  return sent
}

describe('phones when the library system cannot be reached', () => {
  it('says so plainly in Japanese, with the main library to phone', async () => {
    const sent = await phones(
      library(async () => unavailable()),
      'ja',
    )
    expect(sent).toHaveLength(1)
    const text = (sent[0] as messagingApi.TextMessage).text
    expect(text).toContain(UNAVAILABLE_MESSAGE.ja)
    expect(text).toContain(`${config.policy.contact.ja}（${config.policy.contact.phone}）`)
  })

  it('and in English for an English-speaking patron', async () => {
    const sent = await phones(
      library(async () => unavailable()),
      'en',
    )
    const text = (sent[0] as messagingApi.TextMessage).text
    expect(text).toContain(UNAVAILABLE_MESSAGE.en)
    expect(text).toContain(config.policy.contact.phone)
  })

  it('lists the places the system answers when it is up', async () => {
    const sent = await phones(
      library(async () => ({ ok: true, value: [PLACE] })),
      'ja',
    )
    expect(sent[0]?.type).toBe('flex')
    expect(JSON.stringify(sent[0])).toContain('tel:05071058141')
  })
})
