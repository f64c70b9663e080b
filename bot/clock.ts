/**
 * The app's only source of "now". Rules and the database take time as a parameter; the
 * clock passed to the app factory supplies it, so tests and the demo can move time.
 */
export interface Clock {
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }

/**
 * Real time plus an offset that only moves forward. Used in demo mode only, so staff can
 * jump to the next notice slot or a week ahead; outside demo mode the app gets systemClock.
 */
export class DemoClock implements Clock {
  #offset = 0
  constructor(private readonly base: () => number = Date.now) {}

  now(): number {
    return this.base() + this.#offset
  }

  get offset(): number {
    return this.#offset
  }

  /** Move forward by `ms` (never back: notices already sent must stay in the past). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the demo clock only moves forward')
    this.#offset += ms
  }

  /** Restore a saved offset (e.g. after a restart), again never moving back. */
  restore(offset: number): void {
    if (Number.isFinite(offset) && offset > this.#offset) this.#offset = offset
  }
}
