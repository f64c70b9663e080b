/**
 * Everything the simulated LINE Platform remembers, in memory. One instance per simulator,
 * so tests never share state.
 */
import type {
  ChatEntry,
  Clock,
  FaultRule,
  RecordedCall,
  SimUser,
  SimulatorLimits,
  WebhookDelivery,
} from './types.ts'

export interface StoredRichMenu {
  richMenuId: string
  size: { width: number; height: number }
  selected: boolean
  name: string
  chatBarText: string
  areas: Array<{
    bounds: { x: number; y: number; width: number; height: number }
    action: Record<string, unknown>
  }>
  image?: { bytes: Uint8Array; contentType: string }
}

/** One operation of a rich menu batch, as LINE's request body names it. */
export type RichMenuBatchOperation =
  | { type: 'link'; from: string; to: string }
  | { type: 'unlink'; from: string }
  | { type: 'unlinkAll' }

/** An accepted rich menu batch, by the request ID LINE reports its progress under. */
export interface StoredRichMenuBatch {
  requestId: string
  operations: RichMenuBatchOperation[]
  resumeRequestKey?: string
  acceptedAt: number
  /** When the batch is due to finish; it is applied on the first look at or after this. */
  completesAt: number
  phase: 'ongoing' | 'succeeded' | 'failed'
}

export interface SingleUseToken {
  userId: string
  expiresAt: number
  used: boolean
}

export interface AcceptedRetry {
  requestId: string
  expiresAt: number
  sentMessages?: Array<{ id: string; quoteToken?: string }>
}

export interface SimulatorState {
  readonly clock: Clock
  readonly limits: SimulatorLimits
  readonly random: () => number
  readonly channelSecret: string
  readonly channelAccessToken: string
  readonly loginChannelId: string
  /** The bot's own user ID, sent as `destination` in webhooks. */
  readonly botUserId: string
  webhookUrl: string | null
  users: Map<string, SimUser>
  chats: Map<string, ChatEntry[]>
  replyTokens: Map<string, SingleUseToken>
  linkTokens: Map<string, SingleUseToken>
  retryKeys: Map<string, AcceptedRetry>
  richMenus: Map<string, StoredRichMenu>
  defaultRichMenuId: string | null
  userRichMenus: Map<string, string>
  aliases: Map<string, string>
  richMenuBatches: Map<string, StoredRichMenuBatch>
  /** Messages counted against the quota, by Japan-time month `YYYY-MM`. */
  usage: Map<string, number>
  rateWindows: Map<string, { start: number; count: number }>
  faults: FaultRule[]
  calls: RecordedCall[]
  deliveries: WebhookDelivery[]
  seq: number
  /** When sweepExpired last walked the maps (simulator clock). */
  sweptAt: number
}

/** How often (simulator clock) expired tokens and keys are looked for. */
const SWEEP_EVERY_MS = 60_000

/** LINE reports a batch's progress for 14 days after accepting it. */
export const BATCH_PROGRESS_TTL_MS = 14 * 24 * 60 * 60_000

/** Most calls and deliveries kept: enough for any test, bounded for a demo left running. */
export const RECORD_CAP = 5000

/** Append to a record, dropping the oldest entries past the cap. */
export function keep<T>(list: T[], item: T): void {
  list.push(item)
  if (list.length > RECORD_CAP) list.splice(0, list.length - RECORD_CAP)
}

/** Next number in the one sequence shared by chats, calls and deliveries. */
export function nextSeq(state: SimulatorState): number {
  state.seq += 1
  return state.seq
}

/** The Japan-time month an instant falls in: LINE counts the quota per calendar month in JST. */
export function jstMonth(at: number): string {
  return new Date(at + 9 * 60 * 60_000).toISOString().slice(0, 7)
}

export function monthlyUsage(state: SimulatorState): number {
  return state.usage.get(jstMonth(state.clock())) ?? 0
}

export function addUsage(state: SimulatorState, messages: number): void {
  const month = jstMonth(state.clock())
  state.usage.set(month, (state.usage.get(month) ?? 0) + messages)
}

export function chatOf(state: SimulatorState, userId: string): ChatEntry[] {
  let chat = state.chats.get(userId)
  if (!chat) {
    chat = []
    state.chats.set(userId, chat)
  }
  return chat
}

export function appendChat(
  state: SimulatorState,
  userId: string,
  entry: Omit<ChatEntry, 'seq' | 'at'>,
): ChatEntry {
  const full: ChatEntry = { seq: nextSeq(state), at: state.clock(), ...entry }
  chatOf(state, userId).push(full)
  return full
}

/**
 * Forget tokens and retry keys a day after they expired, so a long demo does not grow without
 * bound while a recently expired token can still be told apart from an unknown one; forget a
 * finished rich menu batch once LINE would no longer report its progress.
 */
export function sweepExpired(state: SimulatorState): void {
  const now = state.clock()
  const forgotten = now - BATCH_PROGRESS_TTL_MS
  for (const [id, batch] of state.richMenuBatches)
    if (batch.phase !== 'ongoing' && batch.acceptedAt <= forgotten) state.richMenuBatches.delete(id)
  // Walking every token and retry key on every call made a run of 10,000 pushes quadratic; a
  // minute between walks is nothing against a day's grace.
  if (Math.abs(now - state.sweptAt) < SWEEP_EVERY_MS) return
  state.sweptAt = now
  const cutoff = now - 24 * 60 * 60_000
  for (const map of [state.replyTokens, state.linkTokens, state.retryKeys] as const) {
    for (const [key, value] of map) if (value.expiresAt <= cutoff) map.delete(key)
  }
}
