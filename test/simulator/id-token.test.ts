import { describe, expect, it } from 'vitest'
import { LOGIN_CHANNEL, makeSimulator, T0 } from './helpers.ts'

function verify(t: ReturnType<typeof makeSimulator>, fields: Record<string, string>) {
  return t.sim.app.request('/oauth2/v2.1/verify', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  })
}

const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))

describe('ID tokens', () => {
  it('are ES256 JWTs with LINE’s claims', async () => {
    const t = makeSimulator()
    const token = await t.sim.idTokens.issue(t.alice)
    const [header, payload] = token.split('.')
    expect(decode(header!)).toMatchObject({ typ: 'JWT', alg: 'ES256' })
    expect(decode(payload!)).toEqual({
      iss: 'https://access.line.me',
      sub: t.alice,
      aud: LOGIN_CHANNEL,
      iat: T0 / 1000,
      exp: T0 / 1000 + 3600,
      amr: ['linesso'],
      name: '山田 花子',
    })
  })

  it('verify: ok returns the claims', async () => {
    const t = makeSimulator()
    const res = await verify(t, {
      id_token: await t.sim.idTokens.issue(t.alice),
      client_id: LOGIN_CHANNEL,
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ sub: t.alice, aud: LOGIN_CHANNEL, name: '山田 花子' })
  })

  it('verify: wrong audience', async () => {
    const t = makeSimulator()
    const res = await verify(t, { id_token: await t.sim.idTokens.issue(t.alice), client_id: '999' })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      error: 'invalid_request',
      error_description: 'Invalid IdToken Audience.',
    })
  })

  it('verify: expired after an hour', async () => {
    const t = makeSimulator()
    const id_token = await t.sim.idTokens.issue(t.alice)
    t.time.advance(60 * 60_000)
    const res = await verify(t, { id_token, client_id: LOGIN_CHANNEL })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      error: 'invalid_request',
      error_description: 'IdToken expired.',
    })
  })

  it('verify: a changed payload or a foreign signature is invalid', async () => {
    const t = makeSimulator()
    const other = makeSimulator()
    const [h, p, s] = (await t.sim.idTokens.issue(t.alice)).split('.')
    const claims = { ...decode(p!), sub: t.bob }
    const forged = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`
    for (const id_token of [forged, await other.sim.idTokens.issue(t.alice), 'abc', 'a.b.c']) {
      const res = await verify(t, { id_token, client_id: LOGIN_CHANNEL })
      expect(res.status).toBe(400)
      expect(await res.json()).toEqual({
        error: 'invalid_request',
        error_description: 'Invalid IdToken.',
      })
    }
  })

  it('verify: nonce and user_id must match when given', async () => {
    const t = makeSimulator()
    const id_token = await t.sim.idTokens.issue(t.alice, { nonce: 'abc' })
    expect(
      (await verify(t, { id_token, client_id: LOGIN_CHANNEL, nonce: 'abc', user_id: t.alice }))
        .status,
    ).toBe(200)
    const nonce = await verify(t, { id_token, client_id: LOGIN_CHANNEL, nonce: 'xyz' })
    expect(await nonce.json()).toMatchObject({ error_description: 'Invalid IdToken Nonce.' })
    const sub = await verify(t, { id_token, client_id: LOGIN_CHANNEL, user_id: t.bob })
    expect(await sub.json()).toMatchObject({
      error_description: 'Invalid IdToken Subject Identifier.',
    })
  })

  it('verify: missing fields are invalid_request', async () => {
    const t = makeSimulator()
    expect((await verify(t, { client_id: LOGIN_CHANNEL })).status).toBe(400)
    const res = await verify(t, { id_token: await t.sim.idTokens.issue(t.alice) })
    expect(await res.json()).toMatchObject({ error: 'invalid_request' })
  })

  it('the try-it page hands out a token for a user, and the keys are published', async () => {
    const t = makeSimulator()
    const res = await t.sim.app.request(`/simulator/api/users/${t.alice}/id-token`)
    const { idToken } = (await res.json()) as { idToken: string }
    expect((await verify(t, { id_token: idToken, client_id: LOGIN_CHANNEL })).status).toBe(200)
    const jwks = (await (await t.sim.app.request('/oauth2/v2.1/certs')).json()) as {
      keys: JsonWebKey[]
    }
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' })
    expect(jwks.keys[0]!.d).toBeUndefined()
  })
})
