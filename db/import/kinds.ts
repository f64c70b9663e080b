/** Every kind `npm run import` knows, by the name given on the command line. */
import { catalogueKind } from './catalogue.ts'
import type { Kind } from './kind.ts'

export const KINDS: Record<string, Kind<never>> = {
  catalogue: catalogueKind as Kind<never>,
}
