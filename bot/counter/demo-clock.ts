/**
 * The demo clock's offset, kept in the kv table so a restart (or another Workers isolate)
 * sees the same time. The offset only ever grows: the stored value is replaced only by a
 * larger one, and DemoClock.restore ignores a smaller one, so two desks pressing the button
 * at once can never move time back.
 */
import { eq, sql } from 'drizzle-orm'
import { DAY_MS, nextNoticeSlot, type Policy } from '../../core/index.ts'
import type { Db } from '../../db/client.ts'
import { kv } from '../../db/schema.ts'
import type { DemoClock } from '../clock.ts'

export const DEMO_OFFSET_KEY = 'demo_clock_offset'

/** Load the saved offset into `clock` (call when building the DemoClock, and freely after). */
export async function restoreDemoClock(db: Db, clock: DemoClock): Promise<void> {
  const [row] = await db.orm.select({ value: kv.value }).from(kv).where(eq(kv.key, DEMO_OFFSET_KEY))
  const offset = Number(row?.value)
  if (Number.isSafeInteger(offset) && offset > 0) clock.restore(offset)
}

export async function saveDemoOffset(db: Db, offset: number, now: number): Promise<void> {
  await db.batch([
    db.orm
      .insert(kv)
      .values({ key: DEMO_OFFSET_KEY, value: String(offset), updatedAt: now })
      .onConflictDoUpdate({
        target: kv.key,
        set: { value: String(offset), updatedAt: now },
        setWhere: sql`CAST(${kv.value} AS INTEGER) < ${offset}`,
      })
      .returning({ key: kv.key }),
  ])
}

export type ClockStep = 'slot' | 'day' | 'week'
export const CLOCK_STEPS: readonly ClockStep[] = ['slot', 'day', 'week']

/**
 * How far `step` moves the clock from `now`. `slot` goes to the next notice slot strictly
 * after now (NOTICE-SLOTS; the locker list is included, so 19:00 is a stop too).
 */
export function stepMs(step: ClockStep, now: number, policy: Policy): number {
  if (step === 'day') return DAY_MS
  if (step === 'week') return 7 * DAY_MS
  const next = Math.min(
    nextNoticeSlot(now + 1, 'standard', policy),
    nextNoticeSlot(now + 1, 'locker', policy),
  )
  return next - now
}

/** Move the clock forward by `step` and save the new offset. Returns the times before/after. */
export async function advanceDemoClock(
  db: Db,
  clock: DemoClock,
  step: ClockStep,
  policy: Policy,
): Promise<{ before: number; after: number; offset: number }> {
  await restoreDemoClock(db, clock)
  const before = clock.now()
  clock.advance(stepMs(step, before, policy))
  const after = clock.now()
  await saveDemoOffset(db, clock.offset, after)
  return { before, after, offset: clock.offset }
}
