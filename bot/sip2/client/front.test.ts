/** What the SIP2 adapter offers from the ILS's 98 and from what its 64s carry. */
import { describe, expect, it } from 'vitest'
import { readConfig } from '../../config.ts'
import { capabilitiesFrom } from './front.ts'

const config = (() => {
  const system = readConfig(
    {
      BUNKO_DEMO: '1',
      LIBRARY_SYSTEM: 'sip2',
      SIP2_HOST: 'ils.example.jp',
      SIP2_USER: 'bunko',
      SIP2_PASSWORD: 'secret',
      SIP2_INSTITUTION: 'hirakata',
    },
    { publicUrl: 'http://localhost:3000' },
  ).librarySystem
  if (system.kind !== 'sip2') throw new Error('sip2 expected')
  return system.sip2
})()

/** BX with `Y` at the given positions (SIP2 2.00's 16 messages). */
const bx = (...yes: number[]) =>
  Array.from({ length: 16 }, (_, i) => (yes.includes(i) ? 'Y' : 'N')).join('')

describe('SIP2 capabilities: the reminders patrons ask for', () => {
  it('NOTICE-DUE-SOON: offered when the ILS answers 63 and 17, not before its 98 is read', () => {
    expect(capabilitiesFrom(bx(7, 10), config).reminders).toBe(true)
    expect(capabilitiesFrom(bx(7), config).reminders).toBe(false)
    expect(capabilitiesFrom(null, config).reminders).toBe(false)
  })

  it('NOTICE-EXPIRY: offered only once a 64 has carried an expiry date', () => {
    expect(capabilitiesFrom(bx(7, 10), config).expiryNotices).toBe(false)
    expect(capabilitiesFrom(bx(7, 10), config, true).expiryNotices).toBe(true)
    expect(capabilitiesFrom(bx(10), config, true).expiryNotices).toBe(false)
  })

  it('ACC-PASSWORD: a confirmed e-mail reaches the patron only when the ILS is said to send it', () => {
    expect(capabilitiesFrom(bx(7, 10), config).emailNotices).toBe(false)
    expect(capabilitiesFrom(bx(7, 10), { ...config, emailNotices: true }).emailNotices).toBe(true)
  })
})
