/**
 * SIP2 error detection: the `AY` sequence number (one digit, 0–9, echoed by the ACS) and the
 * `AZ` checksum — the two's complement of the 16-bit sum of every byte of the message up to
 * and including "AZ", written as four hex digits. Over bytes, not characters, so it holds
 * whatever the charset.
 */

/** Four upper-case hex digits for `bytes` (the message through "AZ"). */
export function checksum(bytes: Uint8Array): string {
  let sum = 0
  for (const b of bytes) sum = (sum + b) & 0xffff
  return ((-sum & 0xffff) >>> 0).toString(16).toUpperCase().padStart(4, '0')
}

/** Whether the four hex digits `given` are the checksum of `bytes` (case-insensitive). */
export function checksumMatches(bytes: Uint8Array, given: string): boolean {
  return /^[0-9A-Fa-f]{4}$/.test(given) && checksum(bytes) === given.toUpperCase()
}

/** The next sequence number after `n` (they wrap 9 → 0). */
export const nextSequence = (n: number): number => (n + 1) % 10

export const isSequence = (n: unknown): n is number =>
  typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 9
