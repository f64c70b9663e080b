/**
 * LINE Login endpoints the bot uses: `POST /oauth2/v2.1/verify` (ID token check, form fields
 * `id_token`, `client_id`, optional `nonce` and `user_id`) and the public keys at
 * `/oauth2/v2.1/certs` for bots that verify ES256 tokens themselves.
 */
import { Hono } from 'hono'
import type { IdTokenIssuer } from './id-token.ts'

export function loginRoutes(issuer: IdTokenIssuer): Hono {
  const app = new Hono()
  const invalid = (error_description: string) => ({ error: 'invalid_request', error_description })

  app.post('/oauth2/v2.1/verify', async (c) => {
    const type = c.req.header('content-type') ?? ''
    if (!type.startsWith('application/x-www-form-urlencoded'))
      return c.json(invalid('Content-Type must be application/x-www-form-urlencoded'), 400)
    const form = new URLSearchParams(await c.req.text())
    const idToken = form.get('id_token')
    const clientId = form.get('client_id')
    if (!idToken) return c.json(invalid('id_token is required.'), 400)
    if (!clientId) return c.json(invalid('client_id is required.'), 400)
    const nonce = form.get('nonce')
    const userId = form.get('user_id')
    const result = await issuer.verify(idToken, clientId, {
      ...(nonce !== null ? { nonce } : {}),
      ...(userId !== null ? { userId } : {}),
    })
    if (!result.ok) return c.json(invalid(result.error_description), 400)
    return c.json(result.claims)
  })

  app.get('/oauth2/v2.1/certs', async (c) => c.json(await issuer.jwks()))

  return app
}
