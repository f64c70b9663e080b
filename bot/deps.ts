/**
 * What the app factory is given. Everything with a side effect comes in here, so the same
 * app runs on Node (better-sqlite3, a scheduler) and on Workers (D1, cron), and tests can
 * hand it a simulator and a clock they control.
 */
import type { Context } from 'hono'
import type { LibrarySystem } from '../core/library-system.ts'
import type { Db } from '../db/client.ts'
import type { Clock } from './clock.ts'
import type { Config } from './config.ts'
import type { Background } from './defer.ts'
import type { LineClients } from './line.ts'
import type { Log } from './log.ts'
import type { SignatureCheck } from './webhook/signature.ts'

export interface AppDeps {
  /** bunko's own tables: LINE links, sessions, carts, favourites, the outbox, the catalogue copy. */
  db: Db
  /** The library's system: patrons, loans, holds, places (core/library-system.ts). */
  library: LibrarySystem
  line: LineClients
  clock: Clock
  config: Config
  log: Log
  /** Node only: runs work after the response. Workers uses executionCtx.waitUntil instead. */
  background?: Background
  /**
   * The client's network address, for per-client limits (bot/rate-limit.ts): the socket's on
   * Node (or the proxy's X-Forwarded-For with TRUST_PROXY=1), CF-Connecting-IP on Workers.
   */
  clientAddress?: (c: Context) => string | undefined
  /**
   * The webhook's signature check: node:crypto's on Node (bot/node-signature.ts, a fifth of
   * WebCrypto's CPU); WebCrypto's (webhook/signature.ts) when not given, as on Workers.
   */
  verifySignature?: SignatureCheck
}
