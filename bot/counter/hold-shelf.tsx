/**
 * The hold shelf of one pickup place: ready holds with their last day to collect, handed over
 * (= lent to the holder) with one button, and the expiry of holds not collected in time: one
 * hold by its own button, or every late hold of all libraries at once. Each button redirects
 * back to the shelf it was pressed on, which shows what it did once (flash.ts).
 */
import { asc, eq, inArray } from 'drizzle-orm'
import { type Context, Hono } from 'hono'
import type { Child } from 'hono/jsx'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { jstDate } from '../../core/index.ts'
import { holdShelf } from '../../db/hold-shelf.ts'
import { expiredToday } from '../../db/hold-shelf-expired.ts'
import { holds, patrons, places } from '../../db/schema.ts'
import { type Counter, type CounterEnv, deskPlace, placeById } from './context.ts'
import { expireDue, expireOne } from './expire.ts'
import { type Flash, redirectWith, takeFlash } from './flash.ts'
import { handOver } from './lend.ts'
import { undeliveredWhy, unreachableOf } from './notice-reach.ts'
import { page } from './render.tsx'
import { COUNTER_PATH } from './session.ts'
import { ExpireAllResult } from './views/expire-all-result.tsx'
import { Message } from './views/frame.tsx'
import { ExpireResult, LendResult } from './views/results.tsx'
import { ShelfPage, type ShelfRow } from './views/shelf-page.tsx'

export function holdShelfRoutes(k: Counter): Hono<CounterEnv> {
  const app = new Hono<CounterEnv>()

  const show = async (
    c: Context<CounterEnv>,
    placeId: number | null,
    result?: Child,
    status?: ContentfulStatusCode,
  ) => {
    const all = await k.db.orm.select().from(places).orderBy(asc(places.sortOrder), asc(places.id))
    const place =
      (placeId !== null ? await placeById(k, placeId) : null) ?? (await deskPlace(c, k)) ?? all[0]
    const rows = place ? await shelfRows(k, place.id) : []
    const desk = await deskPlace(c, k)
    return page(c, k, {
      title: `予約棚${place ? `：${place.name}` : ''}`,
      nav: 'holds',
      status,
      body: (
        <ShelfPage
          csrf={c.get('session').csrf}
          places={all}
          placeId={place?.id ?? null}
          desk={desk}
          rows={rows}
          today={jstDate(k.now())}
          expired={place ? await expiredToday(k.db, place.id, k.now(), k.policy) : []}
          result={result}
        />
      ),
    })
  }

  app.get('/holds', async (c) => {
    const q = Number(c.req.query('place'))
    return show(c, Number.isSafeInteger(q) && q > 0 ? q : null, shelfResult(await takeFlash(c, k)))
  })

  app.post('/holds/:id{[0-9]+}/collect', async (c) => {
    const body = await c.req.parseBody()
    const desk = await deskPlace(c, k)
    // Only a library with no staffed place at all has no desk: nothing was done (409).
    if (!desk)
      return show(
        c,
        null,
        <Message kind="error">
          窓口になる図書館が登録されていないため、お渡しを記録できません。システムの管理者に連絡してください。
        </Message>,
        409,
      )
    const outcome = await handOver(k, c.get('session').staff.id, {
      holdId: Number(c.req.param('id')),
      placeId: desk.id,
    })
    return redirectWith(c, k, shelfPath(body.place), { kind: 'lend', outcome })
  })

  app.post('/holds/:id{[0-9]+}/expire', async (c) => {
    const body = await c.req.parseBody()
    const outcome = await expireOne(k, c.get('session').staff.id, Number(c.req.param('id')))
    const nextPlace =
      outcome.ok && outcome.nextHoldId ? await pickupOf(k, outcome.nextHoldId) : null
    return redirectWith(c, k, shelfPath(body.place), { kind: 'expire', outcome, nextPlace })
  })

  app.post('/holds/expire', async (c) => {
    const body = await c.req.parseBody()
    const done = await expireDue(k, c.get('session').staff.id)
    return redirectWith(c, k, shelfPath(body.place), { kind: 'expire-all', done })
  })

  return app
}

async function shelfRows(k: Counter, placeId: number): Promise<ShelfRow[]> {
  const rows = await holdShelf(k.db, placeId)
  const ids = [...new Set(rows.map((r) => r.patronId))]
  const people = ids.length
    ? await k.db.orm
        .select({
          id: patrons.id,
          number: patrons.number,
          name: patrons.name,
          phone: patrons.phone,
        })
        .from(patrons)
        .where(inArray(patrons.id, ids))
    : []
  const byId = new Map(people.map((p) => [p.id, p]))
  const why = await undeliveredWhy(
    k.db,
    rows.filter((r) => r.noticeState === 'undeliverable').map((r) => r.holdId),
  )
  // A notice still waiting for its slot to someone LINE cannot reach will be settled
  // undeliverable: say so now, as the return screen did (a librarian's walk saw 「送信待ち」).
  const waiting = new Set(
    rows.filter((r) => r.noticeState === 'pending' || r.noticeState === 'sending'),
  )
  const reach = await unreachableOf(
    k.db,
    [...waiting].map((r) => r.patronId),
  )
  const settledAs = (patronId: number) => {
    const u = reach.get(patronId)
    return u ? SETTLED_AS[u.why] : null
  }
  return rows.map((r) => ({
    ...r,
    patronNumber: byId.get(r.patronId)?.number ?? '',
    patronName: byId.get(r.patronId)?.name ?? '',
    patronPhone: byId.get(r.patronId)?.phone ?? '',
    noticeWhy: why.get(r.holdId) ?? (waiting.has(r) ? settledAs(r.patronId) : null),
  }))
}

/** The dispatcher's reason (notice-reach.ts undeliveredWhy) for each way LINE cannot reach. */
const SETTLED_AS = { not_linked: 'not_linked', blocked: 'unfollowed', notices_off: 'opted_out' }

/** Where the hold a copy passed to is collected: the copy goes to that hold shelf. */
async function pickupOf(k: Counter, holdId: number): Promise<string | null> {
  const [p] = await k.db.orm
    .select({ name: places.name })
    .from(holds)
    .innerJoin(places, eq(places.id, holds.pickupPlaceId))
    .where(eq(holds.id, holdId))
  return p?.name ?? null
}

/** The hold shelf the buttons were pressed on (the form's `place`), or the desk's. */
function shelfPath(place: unknown): string {
  const id = Number(place)
  return `${COUNTER_PATH}/holds${Number.isSafeInteger(id) && id > 0 ? `?place=${id}` : ''}`
}

/** What a hand-over or an expiry did, above the shelf. */
function shelfResult(flash: Flash | null) {
  if (flash?.kind === 'lend') return <LendResult outcome={flash.outcome} />
  if (flash?.kind === 'expire')
    return <ExpireResult outcome={flash.outcome} nextPlace={flash.nextPlace} />
  if (flash?.kind === 'expire-all') return <ExpireAllResult done={flash.done} />
  return undefined
}
