/**
 * WAL checkpoints on a worker thread (db/sqlite-checkpoint.ts). What the worker did is read
 * from the WAL index (the `-shm` file, https://www.sqlite.org/walformat.html): `mxFrame`, the
 * frames in the WAL since it last started over, and `nBackfill`, how many are checkpointed.
 */
import { closeSync, existsSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import Database from 'better-sqlite3'
import { sql } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { openSqlite } from './sqlite.ts'
import { checkpointInBackground } from './sqlite-checkpoint.ts'

let dir: string
const file = () => {
  dir = mkdtempSync(join(tmpdir(), 'bunko-checkpoint-'))
  return join(dir, 'test.db')
}
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** The WAL index header's frame counts (host byte order; this machine's is little-endian). */
function walIndex(path: string) {
  const fd = openSync(`${path}-shm`, 'r')
  const head = Buffer.alloc(136)
  readSync(fd, head, 0, head.length, 0)
  closeSync(fd)
  return { mxFrame: head.readUInt32LE(16), nBackfill: head.readUInt32LE(96) }
}

/**
 * Waits for `check`, up to 50 s: a checkpoint syncs both files, and on a machine whose disk is
 * busy one sync can take seconds.
 */
async function until(check: () => boolean, what: () => string) {
  for (let i = 0; i < 2500; i++) {
    if (check()) return
    await sleep(20)
  }
  throw new Error(`never: ${what()}`)
}

const insertPage = sql`INSERT INTO t (b) VALUES (randomblob(3000))`

describe('background WAL checkpoints', () => {
  it('the serving connection never checkpoints; the worker does, and the WAL starts over', async () => {
    const path = file()
    const db = openSqlite(path, { backgroundCheckpoint: { everyMs: 10 } })
    expect(await db.all(sql`PRAGMA wal_autocheckpoint`)).toEqual([{ wal_autocheckpoint: 0 }])
    db.orm.run(sql`CREATE TABLE t (a INTEGER PRIMARY KEY, b BLOB)`)
    let rows = 0
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 300; i++, rows++) db.orm.run(insertPage)
      // Between bursts the worker catches up with every frame, so the next write starts the
      // WAL over from its beginning (a row's page or three) instead of adding to its 300+.
      await until(
        () => {
          const { mxFrame, nBackfill } = walIndex(path)
          return nBackfill === mxFrame
        },
        () => `checkpointed (${JSON.stringify(walIndex(path))}, round ${round})`,
      )
      db.orm.run(insertPage)
      rows++
      expect(walIndex(path).mxFrame).toBeLessThanOrEqual(3)
    }
    expect(await db.all(sql`SELECT count(*) AS n FROM t`)).toEqual([{ n: rows }])
    db.close()
    // Both connections closed: the last one checkpointed and removed the WAL.
    await until(
      () => !existsSync(`${path}-wal`),
      () => 'WAL removed on close',
    )
  }, 240_000)

  it('a WAL written without a pause still starts over past restartFrames', async () => {
    const path = file()
    const db = openSqlite(path, { backgroundCheckpoint: { everyMs: 10, restartFrames: 200 } })
    db.orm.run(sql`CREATE TABLE t (a INTEGER PRIMARY KEY, b BLOB)`)
    let peak = 0
    let restarted = false
    // Up to 50 s (a busy disk's syncs are slow) and 20,000 writes of a page or two each.
    const deadline = Date.now() + 50_000
    // Writes with no pause between them: the passive checkpoints alone may never catch up.
    let rows = 0
    while (!restarted && Date.now() < deadline && rows < 20_000) {
      db.orm.run(sql`INSERT INTO t (b) VALUES (randomblob(100))`)
      rows++
      const { mxFrame } = walIndex(path)
      if (mxFrame < peak) restarted = true
      peak = Math.max(peak, mxFrame)
    }
    expect(restarted).toBe(true)
    expect(await db.all(sql`SELECT count(*) AS n FROM t`)).toEqual([{ n: rows }])
    db.close()
  }, 120_000)

  it('if the worker fails, the connection checkpoints for itself again', async () => {
    const path = file()
    const sqlite = new Database(path)
    sqlite.pragma('journal_mode = WAL')
    checkpointInBackground(sqlite, join(dir, 'missing.db'))
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0)
    await until(
      () => sqlite.pragma('wal_autocheckpoint', { simple: true }) === 1000,
      () => 'restored',
    )
    sqlite.close()
  })

  it('an in-memory database has no WAL and no worker', async () => {
    const db = openSqlite(':memory:', { backgroundCheckpoint: true })
    expect(await db.all(sql`PRAGMA wal_autocheckpoint`)).toEqual([{ wal_autocheckpoint: 1000 }])
    db.close()
  })
})
