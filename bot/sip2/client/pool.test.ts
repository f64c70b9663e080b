/**
 * The pool's waiting for a request that finds out whether the system answers (pool.ts), where
 * a real server cannot make it hang for ever: on Workers that request may be cancelled with
 * its patron's, and its answer never come.
 */
import { describe, expect, it } from 'vitest'
import { scStatusRequest } from '../index.ts'
import { Sip2Pool } from './pool.ts'

const options = {
  host: '127.0.0.1',
  port: 1,
  tls: false,
  user: 'kiosk',
  password: 'secret',
  location: '',
  charset: 'utf-8' as const,
  checksum: 'strict' as const,
  timeoutMs: 50,
  maxConnections: 4,
  maxRps: 1000,
}

describe('Sip2Pool, while nobody knows whether the system answers', () => {
  it('a request waiting for one whose answer never comes gives up in that one’s time, not never', async () => {
    // A connection that is never made and never refused: the first request never ends.
    const pool = new Sip2Pool(() => new Promise(() => {}), options)
    void pool.read(scStatusRequest()).catch(() => {})
    const waiting = pool.read(scStatusRequest())
    await expect(waiting).rejects.toMatchObject({ name: 'Sip2Failure', kind: 'down' })
  })
})
