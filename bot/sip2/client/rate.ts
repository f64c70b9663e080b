/**
 * A token bucket shared by every connection of the pool: at most `perSecond` requests a
 * second to the library's system (SIP2_MAX_RPS), with a burst of one second's worth.
 */
export class TokenBucket {
  private tokens: number
  private last: number
  private chain: Promise<void> = Promise.resolve()

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = Math.max(1, perSecond)
    this.last = now()
  }

  /** Resolves when a request may go; callers are served in the order they asked. */
  take(): Promise<void> {
    const turn = this.chain.then(() => this.wait())
    this.chain = turn.catch(() => {})
    return turn
  }

  private async wait(): Promise<void> {
    for (;;) {
      const now = this.now()
      this.tokens = Math.min(
        Math.max(1, this.perSecond),
        this.tokens + ((now - this.last) / 1000) * this.perSecond,
      )
      this.last = now
      if (this.tokens >= 1) {
        this.tokens -= 1
        return
      }
      await new Promise((r) =>
        setTimeout(r, Math.ceil(((1 - this.tokens) / this.perSecond) * 1000)),
      )
    }
  }
}
