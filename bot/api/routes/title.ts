/**
 * `GET /titles/:id`, the 詳細 page: availability per library, the hold queue, and whether this
 * patron may put the title in the cart, decided by core as placing it for this card would be
 * (for a card the access rules refuse, see below). The
 * title is the library system's answer; while that system cannot be reached, bunko's catalogue
 * copy's, without what only the system knows (copies, queue: null) and with only the cart
 * rule the copy can decide (HOLD-NONCIRC): placing the hold decides the rest once it is back.
 */
import { Hono } from 'hono'
import { holdMessage } from '../../../core/hold-messages.ts'
import {
  isUnavailable,
  jstDate,
  type LibrarySystem,
  type PatronSummary,
  type Place,
  type Policy,
  placeHolds,
  type Title,
  type TitleSummary,
} from '../../../core/index.ts'
import { type CatalogueTitle, getCatalogueTitle } from '../../../db/catalogue.ts'
import { titleMarks } from '../../../db/shelf.ts'
import type { Lang, TitleDetail } from '../../../liff/api-types.ts'
import type { HoldPlaceReason } from '../../../liff/api-types-holds.ts'
import type { AppDeps } from '../../deps.ts'
import { accessRefusal } from '../auth.ts'
import type { OwnEnv } from '../env.ts'
import { reached } from '../library.ts'
import { problem } from '../problem.ts'
import { pathId } from '../validate.ts'
import { availability } from '../views/availability.ts'
import { summarize } from '../views/titles.ts'
import { WORDS } from '../words.ts'

/**
 * Whether the title may go in the cart is core's cart decision for this title alone. The
 * pickup place is chosen later in the flow, so any place stands in for it here.
 */
const ANY_PICKUP: Place = { id: 1, name: '', kind: 'library', phone: '' }

const NO_MARKS = { favourite: false, wanted: false }

export function titleRoutes({ db, library, clock, config }: AppDeps) {
  const { policy } = config
  const app = new Hono<OwnEnv>()
  app.get('/titles/:id', async (c) => {
    const lang = c.get('lang')
    const id = pathId(c, lang)
    const row = c.get('patron')
    // Down (when the patron was read, or now): the catalogue copy, without the system's part.
    const answer = row && (await library.title(id))
    const known = answer && !isUnavailable(answer) ? reached(answer, lang) : undefined
    const hit = known === undefined ? await getCatalogueTitle(db, id) : known
    if (!hit) throw problem(404, 'not_found', WORDS.titleNotFound[lang])
    const now = clock.now()
    // The catalogue is open to a card the access rules refuse (index.ts): it is told why it
    // cannot reserve, and nothing of its own (its marks, its loans and holds) is read.
    const refused =
      row &&
      accessRefusal(row.facts, jstDate(now), policy, {
        lang,
        name: row.name,
        family: c.get('family'),
      })
    const said = { now, lang, policy }
    const [summaries, copies, refusal, marks] = await Promise.all([
      summarize(db, [hit]),
      known ? availability(library, known, lang) : null,
      // Refused with other cards linked: the title's own rules only (HOLD-NONCIRC), as the
      // cart may still be placed for another card.
      refused
        ? catalogueRefusal(hit, policy)
        : known && row
          ? cartRefusal(library, row, known, said)
          : catalogueRefusal(hit, policy),
      refused ? NO_MARKS : titleMarks(db, { patronId: c.get('link').patronId, titleId: id }),
    ])
    const body: TitleDetail = {
      ...summaries.get(hit.id)!,
      publisher: hit.publisher,
      year: hit.year,
      availability: copies,
      queueLength: known && copies ? known.waiting : null,
      // With other cards linked the cart is still the account's (cart.ts): its titles may be
      // placed for another card, and 確認 decides for the card chosen, beyond the title's own.
      holdRefusal:
        refused && !refused.body.otherCards
          ? { reason: refused.body.code as HoldPlaceReason, message: refused.body.message }
          : refusal && { reason: refusal.reason, message: refusal.message[lang] },
      favourite: marks.favourite,
      wanted: marks.wanted,
    }
    return c.json(body)
  })
  return app
}

const asTitle = (hit: CatalogueTitle): Title => ({
  id: hit.id,
  name: hit.title,
  materialType: hit.materialType as Title['materialType'],
  notForLoan: hit.notForLoan,
  setId: hit.setId,
  volume: hit.volume,
})

/**
 * HOLD-*: core's cart decision for this title alone, for this patron, now; null = allowed.
 * The system stopping before it told this patron's loans and holds: the copy's part only.
 */
async function cartRefusal(
  library: LibrarySystem,
  row: PatronSummary,
  hit: TitleSummary,
  { now, lang, policy }: { now: number; lang: Lang; policy: Policy },
) {
  const facts = await library.facts(row.id)
  if (isUnavailable(facts)) return catalogueRefusal(hit, policy)
  const { holds, loans } = reached(facts, lang)
  const decision = placeHolds(
    {
      patron: row.facts,
      titles: [asTitle(hit)],
      pickup: ANY_PICKUP,
      holds,
      loans,
      today: jstDate(now),
    },
    policy,
  )
  return decision.ok ? null : decision
}

/** HOLD-NONCIRC, the one cart rule the catalogue copy decides alone (not-for-loan titles). */
function catalogueRefusal(hit: CatalogueTitle, policy: Policy) {
  if (!hit.notForLoan) return null
  const req = { holds: [], loans: [] }
  const reason = 'not_for_loan' as const
  return { reason, message: holdMessage({ reason, title: asTitle(hit), req }, policy) }
}
