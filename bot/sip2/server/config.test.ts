import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../config.ts'
import { readSip2Config } from './config.ts'

const host = '127.0.0.1'

describe('SIP2 settings', () => {
  it('listens on 6001 in demo mode, is off otherwise unless SIP2_LISTEN_PORT is set, and 0 turns it off', () => {
    expect(readSip2Config({}, { demo: true, host })?.port).toBe(6001)
    expect(readSip2Config({}, { demo: false, host })).toBeNull()
    expect(readSip2Config({ SIP2_LISTEN_PORT: '0' }, { demo: true, host })).toBeNull()
    expect(readSip2Config({ SIP2_LISTEN_PORT: '7001' }, { demo: false, host })).toMatchObject({
      port: 7001,
      host,
      charset: 'utf-8',
      idleSeconds: 300,
      tls: null,
    })
  })

  it('reads the charset, idle timeout and TLS paths, and refuses half or wrong settings', () => {
    const env = { SIP2_LISTEN_PORT: '6001', SIP2_CHARSET: 'Shift_JIS', SIP2_IDLE_SECONDS: '60' }
    expect(readSip2Config(env, { demo: false, host })).toMatchObject({
      charset: 'shift_jis',
      idleSeconds: 60,
    })
    const tls = { SIP2_TLS_CERT: '/etc/c.pem', SIP2_TLS_KEY: '/etc/k.pem' }
    expect(readSip2Config(tls, { demo: true, host })?.tls).toEqual({
      certPath: '/etc/c.pem',
      keyPath: '/etc/k.pem',
    })
    expect(() => readSip2Config({ SIP2_TLS_CERT: '/etc/c.pem' }, { demo: true, host })).toThrow(
      ConfigError,
    )
    expect(() => readSip2Config({ SIP2_CHARSET: 'ebcdic' }, { demo: true, host })).toThrow(
      ConfigError,
    )
    expect(() => readSip2Config({ SIP2_LISTEN_PORT: 'x' }, { demo: true, host })).toThrow(
      ConfigError,
    )
  })
})
