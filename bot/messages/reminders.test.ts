import { describe, expect, it } from 'vitest'
import { HIRAKATA_POLICY } from '../../core/policy.ts'
import { dueSoonAltText, dueSoonNotice, RENEW_BUTTONS_MAX, renewPostback } from './due-soon.ts'
import { expiryAltText, expiryNotice } from './expiry.ts'
import { renewReplyMessage } from './renew-reply.ts'

const contact = HIRAKATA_POLICY.contact
const item = (n: number, renew: 'ok' | 'held' | null = 'ok') => ({
  loanId: n,
  title: `秘密の題名その${n}`,
  author: '著者',
  renew:
    renew === 'ok'
      ? ({ ok: true } as const)
      : renew === 'held'
        ? ({
            ok: false,
            message: { ja: '予約が入っているため延長できません。', en: 'Held.' },
          } as const)
        : null,
})

describe('NOTICE-DUE-SOON message', () => {
  it('NOTICE-DUE-SOON: the preview names the date and count, never a title (NOTICE-PRIVACY)', () => {
    const m = dueSoonNotice({
      dueDate: '2026-06-24',
      items: [item(1), item(2)],
      contact,
      liffId: 'x',
    })
    expect(m.altText).toBe(dueSoonAltText('2026-06-24', 2))
    expect(m.altText).not.toContain('秘密')
    expect(JSON.stringify(m.contents)).toContain('秘密の題名その1')
    expect(dueSoonAltText('2026-06-24', 1, 'en')).toBe('1 item is due on Wed 24 Jun 2026.')
  })

  it('NOTICE-DUE-SOON: a renew button per renewable item (at most a few); what cannot be renewed says why', () => {
    const items = [item(1, 'held'), ...[2, 3, 4, 5, 6].map((n) => item(n))]
    const json = JSON.stringify(
      dueSoonNotice({ dueDate: '2026-06-24', items, contact, liffId: 'x' }),
    )
    const buttons = json.match(/action=renew&loan=\d+/g) ?? []
    expect(buttons).toHaveLength(RENEW_BUTTONS_MAX)
    expect(buttons).not.toContain(renewPostback(1))
    expect(json).toContain('予約が入っているため延長できません。')
    const unknown = JSON.stringify(
      dueSoonNotice({ dueDate: '2026-06-24', items: [item(7, null)], contact, liffId: 'x' }),
    )
    expect(unknown).toContain('貸出中の一覧でご確認ください')
    expect(unknown).not.toContain('action=renew')
  })

  it('NOTICE-DUE-SOON: the chat answer to a renew names no title in its preview', () => {
    const ok = renewReplyMessage({ ok: true, title: '秘密の本', newDueDate: '2026-07-08' }, 'ja')
    expect(ok.altText).toContain('2026年7月8日')
    expect(ok.altText).not.toContain('秘密')
    const no = renewReplyMessage(
      { ok: false, title: '秘密の本', message: { ja: '理由', en: 'why' }, contact },
      'en',
    )
    expect(no.altText).not.toContain('秘密')
    expect(JSON.stringify(no.contents)).toContain(contact.phone)
  })
})

describe('NOTICE-EXPIRY message', () => {
  it('NOTICE-EXPIRY: the date, where and how to renew, and whom to phone', () => {
    const m = expiryNotice({ expiresOn: '2026-07-10', contact })
    expect(m.altText).toBe(expiryAltText('2026-07-10'))
    const json = JSON.stringify(m.contents)
    expect(json).toContain('図書館・分室・自動車文庫の窓口')
    expect(json).toContain(contact.phone)
    expect(
      JSON.stringify(expiryNotice({ expiresOn: '2026-07-10', contact, lang: 'en' })),
    ).toContain('branch room or the bookmobile')
  })
})
