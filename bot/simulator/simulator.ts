/**
 * The LINE Platform simulator: one Hono app answering LINE's paths (Messaging API `/v2/...`,
 * LINE Login `/oauth2/...`, the account-link dialog `/dialog/...`) plus its own try-it page
 * at `/simulator`. Web-standard only, so it runs in-process (`app.fetch`), on its own port, or
 * mounted into the bot's app.
 */
import { Hono } from 'hono'
import { channelRoutes } from './api/channel.ts'
import { messagingRoutes } from './api/messaging.ts'
import {
  injectFaults,
  limitBody,
  rateLimit,
  recordBody,
  recordCalls,
  requireBearer,
  type SimEnv,
} from './api/middleware.ts'
import { richMenuRoutes } from './api/richmenu.ts'
import { richMenuAliasRoutes } from './api/richmenu-alias.ts'
import { richMenuBatchRoutes } from './api/richmenu-batch.ts'
import { dialogRoutes } from './dialog.tsx'
import { MESSAGES } from './errors.ts'
import { userId as newUserId } from './ids.ts'
import { createIdTokenIssuer, type IdTokenIssuer } from './login/id-token.ts'
import { loginRoutes } from './login/routes.ts'
import { simulatorApiRoutes } from './page/api.ts'
import { pageRoutes } from './page/routes.tsx'
import type { SimulatorState } from './state.ts'
import type {
  ChatEntry,
  Clock,
  FaultRule,
  RecordedCall,
  SimUser,
  SimulatorLimits,
  WebhookDelivery,
} from './types.ts'
import { DEFAULT_LIMITS } from './types.ts'
import { DEMO_USERS, type UserActions, userActions } from './users.ts'
import { type Deliver, deliverEvents, redeliverFailed } from './webhook/deliver.ts'

export interface LineSimulatorOptions {
  channelSecret: string
  channelAccessToken: string
  /** The LINE Login channel ID that ID tokens are issued for (their `aud`). */
  loginChannelId: string
  /** Where webhooks go; can also be set later (`setWebhookUrl`, or LINE's PUT endpoint API). */
  webhookUrl?: string
  /** Send webhooks through this instead of `fetch` (e.g. the bot's `app.fetch`, in-process). */
  deliver?: Deliver
  clock?: Clock
  /** Randomness for probabilistic faults; tests pass a seeded one. */
  random?: () => number
  limits?: Partial<SimulatorLimits>
  /** The simulated users; the demo users when left out. */
  users?: readonly SimUser[]
  /** The bot's user ID, sent as webhook `destination`. */
  botUserId?: string
  /** LIFF apps by LIFF ID → endpoint URL, so `https://liff.line.me/{liffId}/…` opens the right page. */
  liffApps?: Record<string, string>
}

export interface LineSimulator {
  /** Every route; serve it, call `app.fetch`, or `host.route('/', app)`. */
  app: Hono
  state: SimulatorState
  users: UserActions
  idTokens: IdTokenIssuer
  setWebhookUrl(url: string | null): void
  faults: { add(rule: FaultRule): void; clear(): void }
  /** What the simulator received and sent, for tests. */
  record: {
    calls(filter?: { method?: string; path?: string | RegExp }): RecordedCall[]
    deliveries(): WebhookDelivery[]
    chat(userId: string): ChatEntry[]
    /** Messages the bot sent the user (reply, push, multicast), oldest first. */
    botMessages(userId: string): ChatEntry[]
  }
  /** Send LINE's empty verification webhook. */
  verifyWebhook(): Promise<WebhookDelivery>
  redeliverFailed(): Promise<WebhookDelivery[]>
  /** Wait (polling) until the user's chat has an entry matching `predicate`. */
  waitForChat(
    userId: string,
    predicate: (entry: ChatEntry) => boolean,
    opts?: { timeoutMs?: number },
  ): Promise<ChatEntry>
}

export function createLineSimulator(options: LineSimulatorOptions): LineSimulator {
  const state = initialState(options)
  const deliver = options.deliver
  const users = userActions(state, deliver)
  const idTokens = createIdTokenIssuer(state)
  const verifyWebhook = () => deliverEvents(state, deliver, [])

  // Middleware on '/v2/*' only, so mounting into the bot's app leaves the bot's routes alone.
  const api = new Hono<SimEnv>()
  api.use('/v2/*', recordCalls(state), injectFaults(state), limitBody(state), recordBody())
  api.use('/v2/*', requireBearer(state), rateLimit(state))
  api.route('/', messagingRoutes(state))
  api.route('/', channelRoutes(state, verifyWebhook))
  api.route('/', richMenuAliasRoutes(state))
  api.route('/', richMenuBatchRoutes(state))
  api.route('/', richMenuRoutes(state))
  api.all('/v2/*', (c) => c.json({ message: MESSAGES.notFound }, 404))

  const app = new Hono()
  app.route('/', api)
  app.route('/', loginRoutes(idTokens))
  app.route('/', dialogRoutes(state, deliver))
  app.route('/simulator/api', simulatorApiRoutes(state, users, idTokens, deliver))
  app.route('/', pageRoutes(state, options.liffApps ?? {}))

  return {
    app,
    state,
    users,
    idTokens,
    setWebhookUrl: (url) => {
      state.webhookUrl = url
    },
    faults: {
      add: (rule) => {
        state.faults.push({ ...rule })
      },
      clear: () => {
        state.faults.length = 0
      },
    },
    record: {
      calls: (filter = {}) =>
        state.calls.filter(
          (c) =>
            (!filter.method || c.method === filter.method) &&
            (!filter.path ||
              (typeof filter.path === 'string'
                ? c.path === filter.path
                : filter.path.test(c.path))),
        ),
      deliveries: () => state.deliveries,
      chat: (userId) => state.chats.get(userId) ?? [],
      botMessages: (userId) => (state.chats.get(userId) ?? []).filter((e) => e.from === 'bot'),
    },
    verifyWebhook,
    redeliverFailed: () => redeliverFailed(state, deliver),
    waitForChat: (userId, predicate, opts = {}) => waitForChat(state, userId, predicate, opts),
  }
}

function initialState(options: LineSimulatorOptions): SimulatorState {
  const users = (options.users ?? DEMO_USERS).map((u) => ({ ...u }))
  return {
    clock: options.clock ?? Date.now,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    random: options.random ?? Math.random,
    channelSecret: options.channelSecret,
    channelAccessToken: options.channelAccessToken,
    loginChannelId: options.loginChannelId,
    botUserId: options.botUserId ?? newUserId(),
    webhookUrl: options.webhookUrl ?? null,
    users: new Map(users.map((u) => [u.userId, u])),
    chats: new Map(),
    replyTokens: new Map(),
    linkTokens: new Map(),
    retryKeys: new Map(),
    richMenus: new Map(),
    defaultRichMenuId: null,
    userRichMenus: new Map(),
    aliases: new Map(),
    richMenuBatches: new Map(),
    usage: new Map(),
    rateWindows: new Map(),
    sweptAt: Number.NEGATIVE_INFINITY,
    faults: [],
    calls: [],
    deliveries: [],
    seq: 0,
  }
}

async function waitForChat(
  state: SimulatorState,
  userId: string,
  predicate: (entry: ChatEntry) => boolean,
  { timeoutMs = 5000 }: { timeoutMs?: number },
): Promise<ChatEntry> {
  // Real time, not the simulator clock: this waits for the bot's asynchronous work.
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const found = (state.chats.get(userId) ?? []).find(predicate)
    if (found) return found
    if (Date.now() > deadline)
      throw new Error(`No matching chat entry for ${userId} within ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 20))
  }
}
