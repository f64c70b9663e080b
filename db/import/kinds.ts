/** Every kind `npm run import` knows, by the name given on the command line. */
import { calendarKind } from './calendar.ts'
import { catalogueKind } from './catalogue.ts'
import { copiesKind } from './copies.ts'
import type { Kind } from './kind.ts'
import { patronsKind } from './patrons.ts'
import { placesKind } from './places.ts'

export const KINDS: Record<string, Kind<never>> = {
  places: placesKind as Kind<never>,
  calendar: calendarKind as Kind<never>,
  catalogue: catalogueKind as Kind<never>,
  copies: copiesKind as Kind<never>,
  patrons: patronsKind as Kind<never>,
}
