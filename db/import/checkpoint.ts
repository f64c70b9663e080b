/**
 * Where an interrupted import picks up again. After each chunk the run's position is written
 * in the same batch as the chunk's rows (kv `import:<kind>`), so the two can never disagree:
 * a re-run of the same file skips what was committed and carries on with the same run id.
 * A file is recognised by its fingerprint (fingerprint.ts for files, the HTTP validators for a URL).
 */
import { eq, sql } from 'drizzle-orm'
import { type Db, type Raw, raw } from '../client.ts'
import { kv } from '../schema.ts'

export interface Checkpoint {
  file: string
  run: number
  /** Rows or records (by position in the file) already committed. */
  done: number
  /**
   * Rows refused up to `done` (known before the batch, so exact). Added and changed are
   * counted from RETURNING after a batch and are not kept: a resumed run reports its own.
   */
  rejected: number
}

const key = (kind: string) => `import:${kind}`

export async function readCheckpoint(db: Db, kind: string): Promise<Checkpoint | null> {
  const [row] = await db.orm
    .select()
    .from(kv)
    .where(eq(kv.key, key(kind)))
  return row ? (JSON.parse(row.value) as Checkpoint) : null
}

export function saveCheckpoint(kind: string, c: Checkpoint, now: number): Raw<{ ok: number }> {
  const value = JSON.stringify(c)
  return raw(sql`INSERT INTO kv (key, value, updated_at) VALUES (${key(kind)}, ${value}, ${now})
    ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
    RETURNING 1 AS ok`)
}

export function clearCheckpoint(kind: string): Raw<{ ok: number }> {
  return raw(sql`DELETE FROM kv WHERE key = ${key(kind)} RETURNING 1 AS ok`)
}
