import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LiffConfig } from '../api-types.ts'
import { firstSimulatorToken, simulatorIdToken, simulatorUser } from './sim-token.ts'

/** A stand-in for the simulator's id-token route: U1 as JSON, U2 as text, others 404. */
const asked: string[] = []
const server = createServer((req, res) => {
  asked.push(req.url ?? '')
  if (req.url === '/simulator/api/users/U1/id-token')
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"idToken":"tok-1"}')
  else if (req.url === '/simulator/api/users/U2/id-token') res.writeHead(200).end('tok-2\n')
  else res.writeHead(404).end()
})
let config: LiffConfig

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  config = {
    liffId: 'demo',
    mock: true,
    libraryName: { ja: '図書館', en: 'Library' },
    simulatorOrigin: `http://127.0.0.1:${port}`,
  }
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('the simulator’s ID token, asked for by the entry in demo mode', () => {
  it('names the user from simUserId, or simUser', () => {
    expect(simulatorUser(new URLSearchParams('simUserId=U1&simUser=U2'))).toBe('U1')
    expect(simulatorUser(new URLSearchParams('simUser=U2'))).toBe('U2')
    expect(simulatorUser(new URLSearchParams(''))).toBeNull()
  })

  it('asks the simulator once for the named user, JSON or plain text', async () => {
    asked.length = 0
    expect(await firstSimulatorToken(config, new URLSearchParams('simUserId=U1'))).toBe('tok-1')
    expect(await simulatorIdToken(config, 'U2')).toBe('tok-2')
    expect(asked).toEqual(['/simulator/api/users/U1/id-token', '/simulator/api/users/U2/id-token'])
  })

  it('asks nothing outside mock mode, or when the URL carries the token', async () => {
    asked.length = 0
    expect(
      firstSimulatorToken({ ...config, mock: false }, new URLSearchParams('simUserId=U1')),
    ).toBeNull()
    expect(firstSimulatorToken(config, new URLSearchParams('simUserId=U1&simIdToken=x'))).toBeNull()
    expect(asked).toEqual([])
  })

  it('an unknown user or a simulator that cannot be reached is no token, not a failure', async () => {
    expect(await firstSimulatorToken(config, new URLSearchParams('simUserId=U9'))).toBeNull()
    expect(await firstSimulatorToken(config, new URLSearchParams(''))).toBeNull()
    const down = { ...config, simulatorOrigin: 'http://127.0.0.1:1' }
    expect(await firstSimulatorToken(down, new URLSearchParams('simUserId=U1'))).toBeNull()
  })
})
