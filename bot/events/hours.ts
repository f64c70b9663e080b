/**
 * 開館時間 in the chat: every library (not branch rooms, stations or lockers) with its hours
 * from the library system's places and today's closed days from bunko's calendar (the places
 * and calendar tables, loaded in both modes), at the event's own time.
 */
import { ALWAYS_OPEN, jstDate, openNow } from '../../core/index.ts'
import { calendarsOn } from '../../db/places.ts'
import { hoursMessage } from '../messages/hours.ts'
import { libraryUnavailableMessage } from '../messages/library-unavailable.ts'
import type { EventContext } from './context.ts'

export async function answerHours(ctx: EventContext) {
  const { library, db, config } = ctx.deps
  const { policy } = config
  const places = await library.places()
  if (!places.ok) return libraryUnavailableMessage({ lang: ctx.lang, contact: policy.contact })
  const libraries = places.value.filter((p) => p.kind === 'library')
  const calendars = await calendarsOn(
    db,
    libraries.map((p) => p.id),
    jstDate(ctx.now),
  )
  return hoursMessage({
    libraries: libraries.map((p) => ({
      name: p.name,
      ...(p.nameEn ? { nameEn: p.nameEn } : {}),
      phone: p.phone,
      openingHours: p.openingHours,
      now: openNow(
        { openingHours: p.openingHours, calendar: calendars.get(p.id) ?? ALWAYS_OPEN },
        ctx.now,
        policy,
      ),
    })),
    at: ctx.now,
    contact: policy.contact,
    website: config.opacUrl,
    lang: ctx.lang,
  })
}
