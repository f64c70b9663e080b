/**
 * Verified LIFF ID tokens, remembered until they expire so a page that makes several calls
 * costs one round trip to LINE. Keys are the SHA-256 of the token, never the token itself:
 * a heap dump or a debugging print must not hand out a usable credential. Bounded, so a
 * flood of distinct tokens cannot grow memory: expired entries go first, then the oldest.
 */
export interface VerifiedToken {
  userId: string
  /** Epoch milliseconds the token stops being valid (its `exp`). */
  expiresAt: number
}

/** Remembered answers by hashed token; an entry stops counting at its `expiresAt`. */
export class TokenCache<T extends { expiresAt: number } = VerifiedToken> {
  readonly #entries = new Map<string, T>()

  constructor(readonly maxEntries = 5_000) {}

  get size(): number {
    return this.#entries.size
  }

  get(key: string, now: number): T | null {
    const hit = this.#entries.get(key)
    if (!hit) return null
    if (hit.expiresAt <= now) {
      this.#entries.delete(key)
      return null
    }
    return hit
  }

  set(key: string, value: T, now: number): void {
    this.#entries.delete(key)
    if (this.#entries.size >= this.maxEntries) this.#evict(now)
    this.#entries.set(key, value)
  }

  #evict(now: number): void {
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key)
    // Maps iterate in insertion order: the first key is the oldest.
    while (this.#entries.size >= this.maxEntries) {
      const oldest = this.#entries.keys().next().value
      if (oldest === undefined) break
      this.#entries.delete(oldest)
    }
  }
}
