/**
 * The webhook's signature check on Node (issue 21): node:crypto's HMAC and `timingSafeEqual`
 * in the calling thread, where WebCrypto's `verify` (webhook/signature.ts) hands each check
 * to the thread pool and back: about 10 µs of CPU a check against 45–60 µs, measured on the
 * webhook bench. Same answers, the same strict base64 and length checks, and the comparison
 * is constant-time like WebCrypto's. Node only: bot/node-server.ts gives it to the app.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { decodeBase64 } from './webhook/signature.ts'

/** Whether `signature` (the x-line-signature header) matches `body` under `secret`. */
export function verifySignatureNode(
  secret: string,
  body: Uint8Array<ArrayBuffer>,
  signature: string | null | undefined,
): boolean {
  if (!signature) return false
  const mac = decodeBase64(signature.trim())
  if (mac?.length !== 32) return false
  return timingSafeEqual(createHmac('sha256', secret).update(body).digest(), mac)
}
