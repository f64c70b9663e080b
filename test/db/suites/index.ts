/** Every db suite, for each driver to run. */
import type { OpenDb } from '../drivers.ts'
import { holdsSuite } from './holds.ts'

export function allSuites(open: OpenDb): void {
  holdsSuite(open)
}
