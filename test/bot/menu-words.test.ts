/**
 * LINE-MENU: where a message tells a patron to tap the menu's link tile, it names the tile as
 * their menu reads it. English users now see the English menu, whose tile says "Link your
 * account"; the English texts said "Link account", a tile no menu has.
 */
import { describe, expect, it } from 'vitest'
import { helpMessage } from '../../bot/messages/help.ts'
import type { Lang } from '../../bot/messages/lang.ts'
import { linkExpiredMessage, linkFailedMessage } from '../../bot/messages/link.ts'
import { linkQuickReply } from '../../bot/messages/quick-reply.ts'
import { unlinkedMessage } from '../../bot/messages/unlink.ts'
import { menuA } from '../../bot/richmenu/definitions.ts'
import { HIRAKATA_POLICY } from '../../core/policy.ts'
import { en } from '../../liff/src/i18n/en.ts'

/** The words of the link tile on the menu a user of `lang` sees. */
const tile = (lang: Lang) => menuA(lang).tiles[0]!.label[lang]

describe('LINE-MENU: the texts name the link tile as the menu shows it', () => {
  for (const lang of ['ja', 'en'] as const) {
    it(`in ${lang}: chat messages and the quick reply`, () => {
      const name = tile(lang)
      const quoted = lang === 'ja' ? `「${name}」` : `"${name}"`
      const contact = HIRAKATA_POLICY.contact
      for (const message of [
        helpMessage({ linked: false, liffId: '1650000000-bunkoDemo', lang }),
        unlinkedMessage({ lang }),
        linkFailedMessage({ contact, lang }),
        linkExpiredMessage({ lang }),
      ])
        expect(message.text).toContain(quoted)
      expect(linkQuickReply(lang).items?.[0]?.action?.label).toBe(name)
    })
  }

  it('in the English LIFF app', () => {
    expect(en.notLinked).toContain(`"${tile('en')}"`)
    expect(en.settings.unlinkHelp).toContain(`"${tile('en')}"`)
  })
})
