/**
 * Bars on screen, without the encoders: shared by the card (ui/Barcode.tsx) and the page's
 * first paint from the cached card (early.ts), which must draw the very same SVG before the
 * app's bundle, jsbarcode included, has even loaded.
 */

/** Modules of white either side. Scanners want ≥ 10 narrow bars' worth; we give more. */
export const QUIET_MODULES = 12

/** The page's side padding (1rem each side) and the widest card worth drawing. */
const SIDE = 32
const MAX = 640

/** CSS px the barcode may take on this screen. */
export function availableWidth(): number {
  return Math.max(200, Math.min(window.innerWidth || 360, MAX) - SIDE)
}

/** Bars as [x, width] runs in module units, quiet zone included. */
export function barRuns(modules: string): [number, number][] {
  const runs: [number, number][] = []
  let i = 0
  while (i < modules.length) {
    if (modules[i] === '1') {
      let j = i
      while (modules[j] === '1') j++
      runs.push([i + QUIET_MODULES, j - i])
      i = j
    } else i++
  }
  return runs
}

/**
 * Width of one module in CSS px so that every bar edge falls on a device pixel: the widest
 * whole number of device pixels per module that fits `availableCss`.
 */
export function modulePx(availableCss: number, totalModules: number, dpr: number): number {
  const device = Math.max(1, Math.floor((availableCss * dpr) / totalModules))
  return device / dpr
}

/** The SVG's size and each bar's rectangle, in CSS px, for `modules` on this screen. */
export function barGeometry(modules: string, width: number, dpr: number) {
  const total = modules.length + 2 * QUIET_MODULES
  const m = modulePx(width, total, dpr)
  const w = total * m
  const h = Math.max(96, Math.round(w * 0.3))
  return { w, h, bars: barRuns(modules).map(([x, n]) => [x * m, n * m] as const) }
}
