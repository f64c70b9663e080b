/**
 * Favourites: `GET /favourites`, and idempotent `PUT` / `DELETE /favourites/:titleId`. bunko's
 * own list of the linked card, so it answers while the library's system is down.
 */
import { Hono } from 'hono'
import { jstDate } from '../../../core/dates.ts'
import type { Db } from '../../../db/client.ts'
import { favouriteList, type wantToReadList } from '../../../db/shelf.ts'
import type { FavouritesResponse, Lang, OkResponse } from '../../../liff/api-types.ts'
import type { AppDeps } from '../../deps.ts'
import type { OwnEnv } from '../env.ts'
import { problem } from '../problem.ts'
import { noBody, pathId } from '../validate.ts'
import { summarize, titleRows } from '../views/titles.ts'
import { WORDS } from '../words.ts'

type TitleList = typeof favouriteList | typeof wantToReadList

/** A patron's favourites or want-to-read list, newest first, as the contract lists them. */
export async function listedTitles(db: Db, list: TitleList, patronId: number) {
  const items = await list.list(db, patronId)
  const summaries = await summarize(
    db,
    await titleRows(
      db,
      items.map((i) => i.titleId),
    ),
  )
  return items.map((i) => ({ title: summaries.get(i.titleId)!, addedOn: jstDate(i.addedAt) }))
}

/**
 * PUT and DELETE of one title on a list, both idempotent: adding what is there or removing
 * what is not is still `ok`. Only a title that does not exist is 404.
 */
export function titleListRoutes(db: Db, now: () => number, base: string, list: TitleList) {
  const app = new Hono<OwnEnv>()
  const ok: OkResponse = { ok: true }
  app.put(`${base}/:id`, async (c) => {
    const lang = c.get('lang')
    const titleId = pathId(c, lang)
    await noBody(c, lang)
    const patronId = c.get('link').patronId
    if (!(await list.add(db, { patronId, titleId }, now())) && !(await exists(db, titleId)))
      throw notFound(lang)
    return c.json(ok)
  })
  app.delete(`${base}/:id`, async (c) => {
    const lang = c.get('lang')
    const titleId = pathId(c, lang)
    await list.remove(db, { patronId: c.get('link').patronId, titleId })
    return c.json(ok)
  })
  return app
}

async function exists(db: Db, titleId: number) {
  return (await titleRows(db, [titleId])).length > 0
}

const notFound = (lang: Lang) => problem(404, 'not_found', WORDS.titleNotFound[lang])

export function favouriteRoutes({ db, clock }: AppDeps) {
  const app = new Hono<OwnEnv>()
  app.get('/favourites', async (c) => {
    const body: FavouritesResponse = {
      items: await listedTitles(db, favouriteList, c.get('link').patronId),
    }
    return c.json(body)
  })
  app.route(
    '/',
    titleListRoutes(db, () => clock.now(), '/favourites', favouriteList),
  )
  return app
}
