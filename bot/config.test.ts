/** Demo mode is explicit (BUNKO_DEMO=1); a deploy without its LINE secrets refuses to start. */
import { describe, expect, it } from 'vitest'
import { ConfigError, localDemoEnv, readConfig } from './config.ts'
import { bunkoFor } from './worker/build.ts'
import { WORKER_DEMO } from './worker/demo.ts'

const LOCAL = { publicUrl: 'http://localhost:3000' }
const SECRETS = { LINE_CHANNEL_SECRET: 's', LINE_CHANNEL_ACCESS_TOKEN: 't' }

describe('readConfig: demo mode', () => {
  it('is chosen by BUNKO_DEMO=1 only, never by the secrets being absent', () => {
    expect(readConfig({ BUNKO_DEMO: '1' }, LOCAL).demo).toBe(true)
    expect(readConfig({ ...SECRETS, PUBLIC_URL: 'https://bunko.example.jp' }, LOCAL).demo).toBe(
      false,
    )
    expect(() => readConfig({}, LOCAL)).toThrow(ConfigError)
  })

  it('refuses a public PUBLIC_URL without secrets, naming exactly what is missing', () => {
    const publicUrl = { PUBLIC_URL: 'https://bunko.example.jp' }
    expect(() => readConfig(publicUrl, LOCAL)).toThrow(
      /LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN are not set.*public address/,
    )
    const noToken = () => readConfig({ ...publicUrl, LINE_CHANNEL_SECRET: 's' }, LOCAL)
    expect(noToken).toThrow(/^LINE_CHANNEL_ACCESS_TOKEN is not set/)
    expect(noToken).toThrow(/wrangler secret put LINE_CHANNEL_ACCESS_TOKEN/)
    const noSecret = () => readConfig({ ...publicUrl, LINE_CHANNEL_ACCESS_TOKEN: 't' }, LOCAL)
    expect(noSecret).toThrow(/^LINE_CHANNEL_SECRET is not set/)
  })

  it('refuses BUNKO_DEMO=1 together with real secrets, and a BUNKO_DEMO that is not 0 or 1', () => {
    expect(() => readConfig({ BUNKO_DEMO: '1', ...SECRETS }, LOCAL)).toThrow(/unset/)
    expect(() => readConfig({ BUNKO_DEMO: 'yes', ...SECRETS }, LOCAL)).toThrow(/BUNKO_DEMO/)
    expect(readConfig({ BUNKO_DEMO: '0', ...SECRETS }, LOCAL).demo).toBe(false)
  })
})

describe('npm start: BUNKO_DEMO=1 only on this machine', () => {
  it('sets it on loopback with no secrets and no public PUBLIC_URL', () => {
    expect(localDemoEnv({}, { host: '127.0.0.1' }).BUNKO_DEMO).toBe('1')
    expect(
      localDemoEnv({ PUBLIC_URL: 'http://localhost:3000' }, { host: 'localhost' }).BUNKO_DEMO,
    ).toBe('1')
  })

  it('leaves it unset behind a proxy, on a public PUBLIC_URL, with secrets or when chosen', () => {
    expect(localDemoEnv({}, { host: '0.0.0.0' }).BUNKO_DEMO).toBeUndefined()
    const pub = { PUBLIC_URL: 'https://bunko.example.jp' }
    expect(localDemoEnv(pub, { host: '127.0.0.1' }).BUNKO_DEMO).toBeUndefined()
    expect(() => readConfig(localDemoEnv(pub, { host: '127.0.0.1' }), LOCAL)).toThrow(
      /public address/,
    )
    expect(localDemoEnv(SECRETS, { host: '127.0.0.1' }).BUNKO_DEMO).toBeUndefined()
    expect(localDemoEnv({ BUNKO_DEMO: '0' }, { host: '127.0.0.1' }).BUNKO_DEMO).toBe('0')
  })
})

describe('Workers', () => {
  it('a deploy that forgot `wrangler secret put` does not start (no simulator, no demo seed)', () => {
    const env = { DB: {} as never, PUBLIC_URL: 'https://bunko.example.workers.dev' }
    expect(() => bunkoFor(env)).toThrow(/LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN/)
    expect(bunkoFor({ ...env, BUNKO_DEMO: '1' }, WORKER_DEMO).config.demo).toBe(true)
  })

  it('the production Worker refuses demo mode: it carries no simulator (bot/worker-demo.ts does)', () => {
    const env = {
      DB: {} as never,
      PUBLIC_URL: 'https://bunko.example.workers.dev',
      BUNKO_DEMO: '1',
    }
    expect(() => bunkoFor(env)).toThrow(/demo Worker \(bot\/worker-demo\.ts/)
  })
})

describe('OPAC_URL (issue 14: where the app sends patrons for what the system cannot do)', () => {
  it('is unset by default, kept when http(s), and refused otherwise with the variable named', () => {
    expect(readConfig({ BUNKO_DEMO: '1' }, LOCAL).opacUrl).toBeNull()
    const opac = 'https://opac.example.jp/search?lang=ja'
    expect(readConfig({ BUNKO_DEMO: '1', OPAC_URL: opac }, LOCAL).opacUrl).toBe(opac)
    expect(() => readConfig({ BUNKO_DEMO: '1', OPAC_URL: 'javascript:alert(1)' }, LOCAL)).toThrow(
      /OPAC_URL must be an http\(s\) address/,
    )
    expect(() => readConfig({ BUNKO_DEMO: '1', OPAC_URL: 'not a url' }, LOCAL)).toThrow(ConfigError)
  })
})
