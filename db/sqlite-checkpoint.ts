/**
 * WAL checkpoints on a worker thread with its own connection (issue 21). better-sqlite3 runs
 * SQLite's automatic checkpoint inside the write that passes 1,000 WAL pages: on the event
 * loop's thread, copying the pages back and syncing both files, so every request in flight
 * waits for it (the webhook's p99). The serving connection turns that off and this worker
 * checkpoints instead, without blocking the writer (PASSIVE).
 *
 * A passive checkpoint never waits for the writer, so under writes that never pause it may
 * never catch up, and the WAL only starts over once it has. When the WAL passes
 * `restartFrames` the worker therefore runs one RESTART checkpoint, which holds writers back
 * (they wait in their busy timeout) until it is done: the WAL stays bounded. better-sqlite3
 * waits synchronously, so a write arriving then holds the serving thread's event loop for as
 * long as that checkpoint copies and syncs (about what the automatic checkpoint cost on every
 * 1,000th page before, now only under writes that never pause); past the serving connection's
 * busy timeout (5 s) the write fails, and a webhook delivery's bookkeeping is then logged and
 * lost after LINE was answered, as with any failed write.
 * If the worker fails (it cannot open the file, or checkpoints keep failing), the serving
 * connection checkpoints for itself again.
 */
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { Worker } from 'node:worker_threads'
import type Database from 'better-sqlite3'

export interface CheckpointOptions {
  /** How often the worker checkpoints, ms. */
  everyMs?: number
  /** WAL frames (pages) past which it forces the WAL to start over. */
  restartFrames?: number
}

/** SQLite's own automatic checkpoint, restored if the worker fails. */
const AUTOCHECKPOINT_PAGES = 1000

/** Plain JavaScript (an eval'd worker runs no loader): it needs only better-sqlite3. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.path, { fileMustExist: true })
db.pragma('busy_timeout = 1000')
// A checkpoint that fails (SQLITE_BUSY past the timeout on a loaded machine) is tried again at
// the next tick: a thrown error would end the worker with its connection still open, and a
// connection left open keeps the WAL from being removed when the server closes.
let failures = 0
const tick = () => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)')
    if (r && r.log > workerData.restartFrames) db.pragma('wal_checkpoint(RESTART)')
    failures = 0
  } catch (e) {
    if (++failures < 20) return
    clearInterval(timer)
    db.close()
    throw e
  }
}
const timer = setInterval(tick, workerData.everyMs)
parentPort.on('message', () => {
  clearInterval(timer)
  db.close()
  parentPort.close()
})
`

/**
 * Moves `sqlite`'s checkpoints to a worker on its own connection to the file at `path`.
 * Returns the function that stops it, to be called once `sqlite` is closed: the worker's
 * connection then closes last, alone, and so checkpoints and removes the WAL. (Closed the other
 * way round, the two closes could overlap, neither see itself as the last, and leave the WAL.)
 */
export function checkpointInBackground(
  sqlite: Database.Database,
  path: string,
  { everyMs = 250, restartFrames = 4000 }: CheckpointOptions = {},
): () => void {
  sqlite.pragma('wal_autocheckpoint = 0')
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      path: resolve(path),
      everyMs,
      restartFrames,
    },
  })
  worker.unref()
  let stopped = false
  worker.on('error', () => {
    if (!stopped && sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`)
  })
  return () => {
    stopped = true
    worker.postMessage('stop')
  }
}
