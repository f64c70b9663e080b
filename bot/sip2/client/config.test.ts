/** LIBRARY_SYSTEM and the SIP2_* variables: defaults, and a clear start-up error for bad values. */
import { describe, expect, it } from 'vitest'
import { ConfigError, readConfig } from '../../config.ts'

const DEMO = { BUNKO_DEMO: '1' }
const LOCAL = { publicUrl: 'http://localhost:3000' }
const SIP2 = {
  ...DEMO,
  LIBRARY_SYSTEM: 'sip2',
  SIP2_HOST: 'ils.example.jp',
  SIP2_USER: 'bunko',
  SIP2_PASSWORD: 'secret',
  SIP2_INSTITUTION: 'hirakata',
}

describe('LIBRARY_SYSTEM', () => {
  it('is embedded unless set to sip2', () => {
    expect(readConfig(DEMO, LOCAL).librarySystem).toEqual({ kind: 'embedded' })
  })

  it('reads the SIP2 settings with their defaults', () => {
    const system = readConfig(
      { ...SIP2, SIP2_ENCODING: 'Shift_JIS', SIP2_TLS: '1' },
      LOCAL,
    ).librarySystem
    expect(system).toEqual({
      kind: 'sip2',
      sip2: {
        host: 'ils.example.jp',
        port: 6001,
        user: 'bunko',
        password: 'secret',
        institution: 'hirakata',
        location: '',
        charset: 'shift_jis',
        tls: true,
        checksum: 'strict',
        maxRps: 20,
        timeoutMs: 5000,
        maxConnections: 4,
        titleHolds: true,
        opacUrl: null,
        emailNotices: false,
      },
    })
  })

  it('ILS_EMAIL_NOTICES: a confirmed e-mail counts only when the library says its ILS sends it', () => {
    const emails = (v?: string) => {
      const system = readConfig(
        { ...SIP2, ...(v ? { ILS_EMAIL_NOTICES: v } : {}) },
        LOCAL,
      ).librarySystem
      return system.kind === 'sip2' && system.sip2.emailNotices
    }
    expect([emails(), emails('0'), emails('1'), emails('true')]).toEqual([false, false, true, true])
    expect(() => emails('yes')).toThrow(/ILS_EMAIL_NOTICES must be 0 or 1 or true or false/)
  })

  it('stops at start with the variable named', () => {
    const bad = (env: Record<string, string>) => () => readConfig({ ...SIP2, ...env }, LOCAL)
    expect(bad({ LIBRARY_SYSTEM: 'koha' })).toThrow(/LIBRARY_SYSTEM must be embedded or sip2/)
    expect(bad({ SIP2_HOST: '' })).toThrow(/needs SIP2_HOST/)
    expect(bad({ SIP2_CHECKSUM: 'loose' })).toThrow(/SIP2_CHECKSUM must be strict or lenient/)
    expect(bad({ SIP2_ENCODING: 'euc-jp' })).toThrow(/SIP2_ENCODING must be/)
    expect(bad({ SIP2_MAX_RPS: '0' })).toThrow(/SIP2_MAX_RPS must be a whole number/)
    expect(bad({ SIP2_PORT: '70000' })).toThrow(ConfigError)
    expect(bad({ OPAC_URL: 'javascript:alert(1)' })).toThrow(/OPAC_URL/)
  })
})
