/**
 * The phone list of every library (図書館の連絡先): a Flex list in which each number is a
 * `tel:` link, so one tap calls. The libraries come from the database (name, phone), in the
 * order given.
 */
import type { messagingApi } from '@line/bot-sdk'
import type { Text } from '../../core/types.ts'
import { COLORS, separator, telUri, text, vbox } from './flex.ts'
import { clip, type Lang } from './lang.ts'

export interface LibraryPhone {
  name: string
  nameEn?: string
  phone: string
}

/** A bubble stays well under 30 KB with this many rows; more are left to the website. */
export const PHONE_ROWS_MAX = 40

function phoneRow(lib: LibraryPhone, lang: Lang): messagingApi.FlexBox {
  const name = lang === 'en' && lib.nameEn ? lib.nameEn : lib.name
  return {
    type: 'box',
    layout: 'horizontal',
    spacing: 'md',
    paddingTop: 'sm',
    paddingBottom: 'sm',
    action: { type: 'uri', label: clip(name, 20), uri: telUri(lib.phone) },
    contents: [
      text(clip(name, 40), { size: 'sm', flex: 5, gravity: 'center' }),
      text(lib.phone, {
        size: 'sm',
        flex: 4,
        align: 'end',
        gravity: 'center',
        color: COLORS.accent,
        weight: 'bold',
        decoration: 'underline',
        wrap: false,
      }),
    ],
  }
}

export function phoneListMessage({
  libraries,
  lang = 'ja',
}: {
  libraries: LibraryPhone[]
  lang?: Lang
}): messagingApi.FlexMessage {
  const title: Text = { ja: '図書館の連絡先', en: 'Library phone numbers' }
  const hint: Text = {
    ja: '電話番号をタップすると電話をかけられます。',
    en: 'Tap a number to call.',
  }
  const rows = libraries.slice(0, PHONE_ROWS_MAX).map((lib) => phoneRow(lib, lang))
  return {
    type: 'flex',
    altText: title[lang],
    contents: {
      type: 'bubble',
      size: 'mega',
      body: vbox(
        [
          text(title[lang], { weight: 'bold', size: 'lg', color: COLORS.accent }),
          text(hint[lang], { size: 'xs', color: COLORS.sub }),
          separator(),
          vbox(rows.length > 0 ? rows : [text('—')], { margin: 'md' }),
        ],
        { spacing: 'sm' },
      ),
    },
  }
}
