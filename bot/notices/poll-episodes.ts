/**
 * Which key a polled ready hold is announced under (front mode). A system that says when a
 * hold was set aside (or until when it is kept) gives each readiness its own key; one that
 * says only until when keeps the open key while the hold stays listed, as staff may move
 * that date (a new key would announce it again). SIP2 says
 * neither, so the same hold would have the same key every time and a title the patron
 * reserves again later would never be announced again. So a hold's readiness is an episode:
 * while the poll keeps finding it ready, its open announcement's key is reused (nothing new is
 * queued); once the polls of two slots in a row find it no longer ready, that announcement is
 * ended (db/announcement-misses.ts: one poll's answer may leave it out), and the next time it
 * is ready the key ends in the next episode number.
 * A hold with no open announcement in the poll's starting list is looked up again just before
 * its key is chosen (readyEpisode): an overlapping poll may have announced it meanwhile. A new
 * episode is numbered one past the highest kept and carries what that number was read from, so
 * the outbox writes it only while it is still the next (db/notice-episodes.ts): two overlapping
 * slots work out the same key and queue it once, and a poll that read the numbers before
 * retention erased them (numbering then starts again at 0) writes nothing.
 */
import type { HoldSummary } from '../../core/index.ts'
import type { Db } from '../../db/client.ts'
import { episodeKey, readyEpisode, readyKeyPrefix } from '../../db/notice-episodes.ts'
import type { PolledNotice } from '../../db/notice-poll.ts'

/** The key a ready hold is announced under, and for a new episode what it was numbered from. */
export type ReadyKey = Pick<PolledNotice, 'key' | 'episodeAfter'>

/** Each ready hold's key, by hold id. `open`: this patron's open ready announcements. */
export async function readyKeys(
  db: Db,
  patronId: number,
  ready: readonly HoldSummary[],
  open: readonly string[],
): Promise<Map<number, ReadyKey>> {
  const keys = new Map<number, ReadyKey>()
  for (const h of ready) {
    if (h.state !== 'ready') continue
    const prefix = readyKeyPrefix(patronId, h.id)
    const current = open.find((k) => k.startsWith(prefix))
    if (h.readyAt !== null) {
      keys.set(h.id, { key: `${prefix}${h.readyAt}` })
      continue
    }
    // Only a keep-until date: staff moving it (a longer hold shelf) is the same readiness, so
    // an open key of the hold is kept, read again now if the poll's starting list had none
    // (an overlapping poll may have written it from the date before the move).
    if (h.pickupBy !== null) {
      const open = current ?? (await readyEpisode(db, prefix)).open
      keys.set(h.id, { key: open ?? `${prefix}${h.pickupBy}` })
      continue
    }
    if (current) {
      keys.set(h.id, { key: current })
      continue
    }
    const episode = await readyEpisode(db, prefix)
    keys.set(
      h.id,
      episode.open
        ? { key: episode.open }
        : { key: episodeKey(prefix, episode.next), episodeAfter: episode.after },
    )
  }
  return keys
}

/** The open announcements whose hold the answer no longer lists as ready. */
export function endedKeys(
  patronId: number,
  open: readonly string[],
  ready: readonly HoldSummary[],
): string[] {
  const still = ready.filter((h) => h.state === 'ready').map((h) => readyKeyPrefix(patronId, h.id))
  return open.filter((k) => !still.some((prefix) => k.startsWith(prefix)))
}
