import { validateSignature } from '@line/bot-sdk'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { verifySignatureNode } from '../node-signature.ts'
import { type SignatureCheck, sign, verifySignature as webCrypto } from './signature.ts'

const bytes = (s: string) => new TextEncoder().encode(s)

// Both checks give the same answers: WebCrypto's (Workers) and node:crypto's (the Node entry).
describe.each<[string, SignatureCheck]>([
  ['WebCrypto', webCrypto],
  ['node:crypto', verifySignatureNode],
])('webhook signature (%s)', (_name, verifySignature) => {
  // The vector LINE publishes with its Node SDK: body {"hello":"world"}, secret test_secret.
  it("accepts LINE's published test vector and refuses its one-letter mutation", async () => {
    const body = bytes(JSON.stringify({ hello: 'world' }))
    expect(
      await verifySignature('test_secret', body, 't7Hn4ZDHqs6e+wdvI5TyQIvzie0DmMUmuXEBqyyE/tM='),
    ).toBe(true)
    expect(
      await verifySignature('test_secret', body, 't7Hn4ZDHqs6e+wdvi5TyQivzie0DmMUmuXEBqyyE/tM='),
    ).toBe(false)
  })

  it('refuses missing, empty, malformed and wrong-length signatures', async () => {
    const body = bytes('{}')
    for (const s of [null, undefined, '', '!!!', 'abc', btoa('short')]) {
      expect(await verifySignature('secret', body, s)).toBe(false)
    }
  })

  it('agrees with @line/bot-sdk validateSignature on random bodies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string({ minLength: 1 }), async (text, secret) => {
        const signature = await sign(secret, text)
        expect(validateSignature(text, secret, signature)).toBe(true)
        expect(await verifySignature(secret, bytes(text), signature)).toBe(true)
      }),
      { numRuns: 200 },
    )
  })

  it('refuses any mutated body or signature (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 512 }),
        fc.nat(),
        async (raw, at) => {
          const body = new Uint8Array(raw)
          const signature = await sign('secret', body)
          const mutated = new Uint8Array(body)
          const i = at % mutated.length
          mutated[i] = (mutated[i]! + 1) % 256
          expect(await verifySignature('secret', mutated, signature)).toBe(false)
          expect(await verifySignature('other-secret', body, signature)).toBe(false)
        },
      ),
      { numRuns: 200 },
    )
  })
})
