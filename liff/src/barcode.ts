/**
 * LINE-CARD: the patron number as NW-7 (Codabar) modules, using jsbarcode's encoder alone.
 * Start/stop characters come from the library's policy (via /api/me).
 */
import { codabar } from 'jsbarcode/bin/barcodes/codabar/index.js'
import type { CodabarGuard } from '../api-types.ts'

/** Modules of white either side. Scanners want ≥ 10 narrow bars' worth; we give more. */
export const QUIET_MODULES = 12

/** '1' = bar module, '0' = space module, for `start + number + stop`; null if not encodable. */
export function codabarModules(number: string, start: CodabarGuard, stop: CodabarGuard) {
  const code = new codabar(`${start}${number}${stop}`, { text: number })
  return code.valid() ? code.encode().data : null
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
