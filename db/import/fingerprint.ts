/** A file's identity for resuming (Node): its size and the SHA-256 of its first megabyte. */
import { createHash } from 'node:crypto'
import { open } from 'node:fs/promises'

export async function fingerprint(path: string): Promise<string> {
  const file = await open(path, 'r')
  try {
    const { size } = await file.stat()
    const head = Buffer.alloc(Math.min(size, 1 << 20))
    await file.read(head, 0, head.length, 0)
    return `${size}:${createHash('sha256').update(head).digest('hex')}`
  } finally {
    await file.close()
  }
}
