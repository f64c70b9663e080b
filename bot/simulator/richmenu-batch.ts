/**
 * Running rich menu batches. LINE accepts a batch, answers 202 and moves users in the
 * background; the simulator keeps the batch `ongoing` for `limits.richMenuBatchMs` of simulator
 * time and applies it on the first look at or after that (every API call looks), so a test can
 * watch `ongoing` turn into `succeeded` by moving its clock.
 *
 * Each user linked to a batch's `from` menu gets that operation's outcome. A user whose `to`
 * menu was deleted (or lost its image) while the batch was running keeps the menu they had, and
 * the batch ends `failed`, as LINE reports when the menu of one or more users could not be
 * changed.
 */
import type { RichMenuBatchOperation, SimulatorState, StoredRichMenuBatch } from './state.ts'

export function acceptRichMenuBatch(
  state: SimulatorState,
  requestId: string,
  operations: RichMenuBatchOperation[],
  resumeRequestKey?: string,
): StoredRichMenuBatch {
  const acceptedAt = state.clock()
  const batch: StoredRichMenuBatch = {
    requestId,
    operations,
    ...(resumeRequestKey !== undefined ? { resumeRequestKey } : {}),
    acceptedAt,
    completesAt: acceptedAt + state.limits.richMenuBatchMs,
    phase: 'ongoing',
  }
  state.richMenuBatches.set(requestId, batch)
  settleRichMenuBatches(state)
  return batch
}

/** Apply every batch that is due, oldest first. */
export function settleRichMenuBatches(state: SimulatorState): void {
  const now = state.clock()
  for (const batch of state.richMenuBatches.values())
    if (batch.phase === 'ongoing' && batch.completesAt <= now) apply(state, batch)
}

function apply(state: SimulatorState, batch: StoredRichMenuBatch): void {
  let failed = false
  for (const [userId, menuId] of state.userRichMenus) {
    const op = batch.operations.find((o) => o.type === 'unlinkAll' || o.from === menuId)
    if (!op) continue
    if (op.type !== 'link') {
      state.userRichMenus.delete(userId)
    } else if (state.richMenus.get(op.to)?.image) {
      state.userRichMenus.set(userId, op.to)
    } else {
      failed = true
    }
  }
  batch.phase = failed ? 'failed' : 'succeeded'
}

/** The progress body LINE answers: times in ISO 8601 UTC, completedTime once finished. */
export function batchProgress(batch: StoredRichMenuBatch) {
  const acceptedTime = new Date(batch.acceptedAt).toISOString()
  return batch.phase === 'ongoing'
    ? { phase: batch.phase, acceptedTime }
    : {
        phase: batch.phase,
        acceptedTime,
        completedTime: new Date(batch.completesAt).toISOString(),
      }
}
