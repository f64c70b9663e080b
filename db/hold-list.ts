/** A patron's holds as the LIFF app and the counter show them (HOLD-QUEUE positions from core). */
import { and, eq, gte, inArray, or } from 'drizzle-orm'
import {
  cancelHold,
  type Decision,
  type HoldSummary,
  jstDate,
  type Policy,
  placeWithRunner,
  queuePosition,
  suspendedUntil,
} from '../core/index.ts'
import type { Db } from './client.ts'
import { ACTIVE, holdFacts, runnerOf, runners } from './facts.ts'
import { inputRefusal, isId } from './refusals.ts'
import { copies, holds, places, titles } from './schema.ts'

/** One hold as the port answers it (core/library-system.ts). */
export type HoldView = HoldSummary

/** Active holds, and holds that ended since `endedSince` (default: none), newest first. */
export async function listHolds(
  db: Db,
  input: { patronId: number; endedSince?: number },
  now: number,
  policy: Policy,
): Promise<Decision<HoldView[], 'invalid_input'>> {
  if (!isId(input.patronId)) return inputRefusal('invalid_input')
  const today = jstDate(now)
  const since = input.endedSince ?? Number.MAX_SAFE_INTEGER
  const rows = await db.orm
    .select({ h: holds, t: titles, p: places, runner: runners })
    .from(holds)
    .innerJoin(titles, eq(titles.id, holds.titleId))
    .innerJoin(places, eq(places.id, holds.pickupPlaceId))
    .leftJoin(runners, runnerOf)
    .where(
      and(
        eq(holds.patronId, input.patronId),
        or(inArray(holds.state, [...ACTIVE]), gte(holds.endedAt, since)),
      ),
    )
    .orderBy(holds.placedAt, holds.id)
  const titleIds = [...new Set(rows.filter((r) => r.h.state === 'waiting').map((r) => r.h.titleId))]
  const queue = titleIds.length
    ? await holdFacts(db, and(inArray(holds.titleId, titleIds), eq(holds.state, 'waiting')))
    : []
  const travelling = await transitOf(
    db,
    rows.filter((r) => r.h.state === 'in_transit' && r.h.copyId !== null).map((r) => r.h.copyId!),
  )
  const views = rows.map(({ h, t, p, runner }): HoldView => {
    const core = { ...h, materialType: t.materialType }
    return {
      id: h.id,
      state: h.state,
      titleId: t.id,
      title: t.title,
      author: t.author,
      materialType: t.materialType,
      queuePosition: queuePosition(
        core,
        queue.filter((q) => q.row.titleId === h.titleId).map((q) => q.core),
      ),
      pickupPlace: { id: p.id, name: p.name, kind: p.kind, phone: p.phone },
      placedAt: h.placedAt,
      readyAt: h.readyAt,
      pickupBy: h.pickupBy,
      setGroup: h.setGroup,
      volume: h.volume,
      interLibrary: h.interLibrary,
      noticeState: h.noticeState,
      transit: h.state === 'in_transit' && h.copyId ? (travelling.get(h.copyId) ?? null) : null,
      endedAt: h.endedAt,
      cancel: cancelHold(core, input.patronId, placeWithRunner(p, runner), policy),
      suspendedUntil: suspendedUntil(h, today),
      inLocker: h.state === 'ready' && p.kind === 'locker' && h.loanId !== null,
      visit:
        h.state === 'ready' && h.visitStartsAt !== null && h.visitEndsAt !== null
          ? { startsAt: h.visitStartsAt, endsAt: h.visitEndsAt }
          : null,
    }
  })
  return { ok: true, value: views }
}

/** HOLD-TRANSIT: where each travelling copy is going, by copy id. */
async function transitOf(db: Db, copyIds: number[]) {
  if (copyIds.length === 0) return new Map<number, NonNullable<HoldView['transit']>>()
  const rows = await db.orm
    .select({ id: copies.id, since: copies.transitSince, toId: places.id, toName: places.name })
    .from(copies)
    .innerJoin(places, eq(places.id, copies.transitToId))
    .where(inArray(copies.id, copyIds))
  return new Map(
    rows.map((r) => [r.id, { to: { id: r.toId, name: r.toName }, since: r.since }] as const),
  )
}
