/**
 * How the page's inline script (early.ts) hands its first calls to the entry (issue 21).
 * On a later open, once the kept card is drawn, the calls wait until that frame is painted:
 * setting them up (the document's first fetch, the config read) cost a phone's slow CPU about
 * 15 ms, and the card's first frame cannot be painted before the inline script ends (npm run
 * bench:liff -- --steps, "bunko:early-card" to "barcode in the document"). Without a kept
 * card they are sent at once: a first open's whole wait is theirs.
 * `window.__bunkoFirst` is a getter that starts them if the entry asks before the frame came,
 * so they are sent exactly once and the entry (main.tsx) always finds them.
 */
import type { EarlyCalls } from './first-calls.ts'

export function offerFirstCalls(
  target: { __bunkoFirst?: EarlyCalls },
  start: () => EarlyCalls | null,
  /** Runs `send` later (after the first paint); null sends them now. */
  later: ((send: () => void) => void) | null,
): void {
  let sent = false
  let calls: EarlyCalls | null = null
  const send = (): EarlyCalls | null => {
    if (!sent) {
      sent = true
      calls = start()
    }
    return calls
  }
  Object.defineProperty(target, '__bunkoFirst', {
    configurable: true,
    enumerable: true,
    get: () => send() ?? undefined,
  })
  if (later) later(send)
  else send()
}

/** After the next frame is painted: a task queued from the frame's own callback. */
export function afterPaint(run: () => void): void {
  requestAnimationFrame(() => setTimeout(run, 0))
}
