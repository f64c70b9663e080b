/**
 * My本棚: reading history (kept only while the patron opts in; private; deletable one by one
 * or all) and the want-to-read list. Turning history off stops recording; what was kept stays
 * until the patron deletes it. bunko's own tables, so it answers while the library's system is
 * down.
 */
import { and, eq, inArray } from 'drizzle-orm'
import { Hono } from 'hono'
import * as v from 'valibot'
import { jstDate } from '../../../core/dates.ts'
import type { Db } from '../../../db/client.ts'
import { loans, readingHistory } from '../../../db/schema.ts'
import {
  deleteHistory,
  historyOptInOf,
  listHistory,
  setHistoryOptIn,
  wantToReadList,
} from '../../../db/shelf.ts'
import type {
  HistoryEntry,
  HistoryOptInResponse,
  OkResponse,
  ShelfResponse,
} from '../../../liff/api-types.ts'
import type { AppDeps } from '../../deps.ts'
import type { OwnEnv } from '../env.ts'
import { problem } from '../problem.ts'
import { jsonBody, noBody, pathId } from '../validate.ts'
import { selectIn, summarize, titleRows } from '../views/titles.ts'
import { WORDS } from '../words.ts'
import { listedTitles, titleListRoutes } from './favourites.ts'

const OptInBody = v.strictObject({ enabled: v.boolean() })

export function shelfRoutes({ db, clock }: AppDeps) {
  const app = new Hono<OwnEnv>()
  const ok: OkResponse = { ok: true }

  app.get('/shelf', async (c) => {
    const patronId = c.get('link').patronId
    const [history, want, optIn] = await Promise.all([
      historyEntries(db, patronId),
      listedTitles(db, wantToReadList, patronId),
      // bunko's own setting: read from its table while the library's system is down.
      c.get('patron')?.historyOptIn ?? historyOptInOf(db, patronId),
    ])
    const body: ShelfResponse = { historyOptIn: optIn, history, want }
    return c.json(body)
  })

  app.put('/shelf/history-opt-in', async (c) => {
    const lang = c.get('lang')
    const { enabled } = await jsonBody(c, OptInBody, lang)
    if (!(await setHistoryOptIn(db, { patronId: c.get('link').patronId, optIn: enabled })))
      throw problem(403, 'not_linked', WORDS.notLinked[lang])
    const body: HistoryOptInResponse = { historyOptIn: enabled }
    return c.json(body)
  })

  app.delete('/shelf/history', async (c) => {
    await noBody(c, c.get('lang'))
    await deleteHistory(db, { patronId: c.get('link').patronId })
    return c.json(ok)
  })

  app.delete('/shelf/history/:id', async (c) => {
    const lang = c.get('lang')
    const id = pathId(c, lang)
    if ((await deleteHistory(db, { patronId: c.get('link').patronId, id })) === 0)
      throw problem(404, 'not_found', WORDS.historyNotFound[lang])
    return c.json(ok)
  })

  app.route(
    '/',
    titleListRoutes(db, () => clock.now(), '/shelf/want', wantToReadList),
  )
  return app
}

/** History entries with the title and, once returned, the return date. */
async function historyEntries(db: Db, patronId: number): Promise<HistoryEntry[]> {
  const entries = await listHistory(db, { patronId })
  const [summaries, returned] = await Promise.all([
    titleRows(
      db,
      entries.map((e) => e.titleId),
    ).then((rows) => summarize(db, rows)),
    returnDates(
      db,
      patronId,
      entries.map((e) => e.id),
    ),
  ])
  return entries.map((e) => ({
    id: e.id,
    title: summaries.get(e.titleId)!,
    loanDate: e.borrowedOn,
    returnedOn: returned.get(e.id) ?? null,
  }))
}

/**
 * When each history entry's loan came back (db's history list leaves the loan out): from the
 * loan while bunko keeps it, then from the date the entry took over when the loan was erased
 * (db/retention.ts).
 */
async function returnDates(db: Db, patronId: number, ids: number[]) {
  const rows = await selectIn(ids, (slice) =>
    db.orm
      .select({
        id: readingHistory.id,
        returnedOn: readingHistory.returnedOn,
        returnedAt: loans.returnedAt,
      })
      .from(readingHistory)
      .leftJoin(loans, eq(loans.id, readingHistory.loanId))
      .where(and(eq(readingHistory.patronId, patronId), inArray(readingHistory.id, slice))),
  )
  return new Map(
    rows.flatMap((r) => {
      const on = r.returnedOn ?? (r.returnedAt === null ? null : jstDate(r.returnedAt))
      return on === null ? [] : [[r.id, on] as const]
    }),
  )
}
