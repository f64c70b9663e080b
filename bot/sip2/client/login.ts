/**
 * A new connection to the library's system, logged in (93 with SIP2_USER / SIP2_PASSWORD /
 * SIP2_LOCATION): what the pool (pool.ts) opens when it has none to reuse. Every failure is a
 * `Sip2Failure` that says nothing of the request it was opened for: that was never sent.
 */
import { loginRequest } from '../index.ts'
import { Sip2Connection, Sip2Failure } from './connection.ts'
import type { PoolOptions } from './pool.ts'
import { type Connector, ConnectTimeout } from './socket.ts'

/** `sent`: called once the login has gone out, so the caller can count the message. */
export async function loggedIn(
  connector: Connector,
  o: PoolOptions,
  sent: () => void,
): Promise<Sip2Connection> {
  let socket: Awaited<ReturnType<Connector>>
  try {
    socket = await connector({ host: o.host, port: o.port, tls: o.tls })
  } catch (err) {
    throw new Sip2Failure(err instanceof ConnectTimeout ? 'timeout' : 'connect', false)
  }
  const conn = new Sip2Connection(socket, {
    charset: o.charset,
    checksum: o.checksum,
    timeoutMs: o.timeoutMs,
    maxResends: 2,
  })
  let answer: Awaited<ReturnType<Sip2Connection['request']>>
  try {
    sent()
    answer = await conn.request(loginRequest(o.user, o.password, o.location))
  } catch (err) {
    conn.close()
    // Nothing but the login was sent on this connection: the request itself was not.
    const timedOut = err instanceof Sip2Failure && err.kind === 'timeout'
    throw new Sip2Failure(timedOut ? 'timeout' : 'connect', false)
  }
  if (answer.code !== '94' || answer.fixed.ok !== '1') {
    conn.close()
    throw new Sip2Failure('login', false)
  }
  return conn
}
