/**
 * Shapes shared by the LINE Platform simulator's parts. The simulator is a development and
 * test stand-in for LINE: nothing here is used when bunko talks to real LINE.
 */

/** Milliseconds since the Unix epoch; a parameter so tests can move time. */
export type Clock = () => number

/** Documented LINE limits, all overridable so a test can reach them cheaply. */
export interface SimulatorLimits {
  /** A reply token may be used once, within this long after the event (LINE: one minute). */
  replyTokenTtlMs: number
  /** A link token is valid for ten minutes and may be used once. */
  linkTokenTtlMs: number
  /** A retry key blocks repeats for 24 hours after the accepted request. */
  retryKeyTtlMs: number
  /** LINE refuses request bodies over 2 MB with 413. */
  maxBodyBytes: number
  /** Rich menu images: at most 1 MB. */
  richMenuImageMaxBytes: number
  /** Messages a month for push and multicast (`null`: no limit, quota type `none`). */
  monthlyMessageQuota: number | null
  /** Requests per endpoint per window before 429 (`null`: no rate limit). */
  rateLimit: { requests: number; windowMs: number } | null
  /** How long an issued ID token stays valid. */
  idTokenTtlMs: number
  /**
   * How long (simulator clock) a rich menu batch stays `ongoing` before it is applied. LINE runs
   * batches in the background; 0 applies each one as it is accepted.
   */
  richMenuBatchMs: number
}

export const DEFAULT_LIMITS: SimulatorLimits = {
  replyTokenTtlMs: 60_000,
  linkTokenTtlMs: 10 * 60_000,
  retryKeyTtlMs: 24 * 60 * 60_000,
  maxBodyBytes: 2 * 1024 * 1024,
  richMenuImageMaxBytes: 1024 * 1024,
  monthlyMessageQuota: 1000,
  rateLimit: { requests: 2000, windowMs: 1000 },
  idTokenTtlMs: 60 * 60_000,
  richMenuBatchMs: 0,
}

/** A LINE user the simulator plays. */
export interface SimUser {
  userId: string
  displayName: string
  language: 'ja' | 'en'
  pictureUrl?: string
  statusMessage?: string
  /** Whether the user has the official account as a friend (and has not blocked it). */
  following: boolean
}

/** One entry of a user's chat with the bot, in the order it happened. */
export interface ChatEntry {
  seq: number
  at: number
  from: 'bot' | 'user'
  /** How a bot message arrived, or which event a user action produced. */
  via:
    | 'reply'
    | 'push'
    | 'multicast'
    | 'message'
    | 'postback'
    | 'follow'
    | 'unfollow'
    | 'accountLink'
  /** The LINE message object the bot sent, or what the user sent / did. */
  message: Record<string, unknown>
  /** False when LINE accepted a push but the user could not receive it (blocked). */
  delivered: boolean
}

/** One API call the simulator received, kept for tests to read. */
export interface RecordedCall {
  seq: number
  at: number
  method: string
  path: string
  query: string
  status: number
  requestId: string
  headers: Record<string, string>
  /** Parsed JSON body, form fields, or `{ bytes, contentType }` for binary uploads. */
  body: unknown
  /** Fault that answered instead of the endpoint, if any. */
  fault?: string
}

/** One webhook delivery attempt. */
export interface WebhookDelivery {
  seq: number
  at: number
  url: string
  body: string
  signature: string
  status: number | null
  error?: string
  webhookEventIds: string[]
  isRedelivery: boolean
  /** Set once a failed delivery has been sent again. */
  redelivered?: boolean
}

/** A rule that makes matching API calls slow or failing. */
export interface FaultRule {
  /** `'POST /v2/bot/message/push'`, `'/v2/bot/message/*'` (any method) or a RegExp on `METHOD path`. */
  match: string | RegExp
  /** Answer with this status (500, 429, 503…) instead of, or after, processing. */
  status?: number
  /** Wait this long before answering. */
  delayMs?: number
  /** Apply to the next N matching calls only. */
  times?: number
  /** Apply to each matching call with this probability (0–1). */
  probability?: number
  /** Process the request, then answer `status` anyway: LINE accepted it but the caller saw an error. */
  afterProcessing?: boolean
}
