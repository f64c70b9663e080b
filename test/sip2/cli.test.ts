/**
 * `npm run sip2`: the command-line client, run as a process against the SIP2 server on a free
 * port. It prints the request and the parsed answer, and never a password.
 */
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HANAKO, KIOSK, RESERVED_COPY, type Sip2Test, startSip2 } from './harness.ts'

const run = promisify(execFile)
const root = fileURLToPath(new URL('../..', import.meta.url))
let t: Sip2Test

beforeAll(async () => {
  t = await startSip2()
}, 30_000)
afterAll(() => t?.close())

const sip2 = (...args: string[]) =>
  run(
    'node_modules/.bin/tsx',
    [
      'bot/sip2/cli.ts',
      `127.0.0.1:${t.server.port}`,
      ...args,
      '--user',
      KIOSK.login,
      '--password',
      KIOSK.password,
    ],
    { cwd: root, timeout: 30_000 },
  )

describe('npm run sip2', () => {
  it('"17 <item>" prints the item information answer, field by field', async () => {
    const { stdout } = await sip2(`17 ${RESERVED_COPY}`)
    expect(stdout).toContain('→ 17 Item Information')
    expect(stdout).toMatch(/← 18 Item Information Response \(AY1, checksum ok\)/)
    expect(stdout).toMatch(/AJ title identifier\s+川日和/)
  }, 30_000)

  it('"63 <patron>" with the patron password prints the loans and hides the password', async () => {
    const { stdout } = await sip2(`63 ${HANAKO.number}`, '--patron-password', HANAKO.password)
    expect(stdout).toMatch(/AE personal name\s+山田 花子/)
    expect(stdout).toMatch(/AU charged items\s+2000/)
    expect(stdout).not.toContain(HANAKO.password)
    expect(stdout).not.toContain(KIOSK.password)
  }, 30_000)
})
