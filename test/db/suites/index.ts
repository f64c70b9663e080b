/** Every db suite, for each driver to run. */
import type { OpenDb } from '../drivers.ts'
import { circulationSuite } from './circulation.ts'
import { holdsSuite } from './holds.ts'

export function allSuites(open: OpenDb): void {
  holdsSuite(open)
  circulationSuite(open)
}
