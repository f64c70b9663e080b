/**
 * Which key a polled ready hold is announced under (front mode). A system that says when a
 * hold was set aside (or until when it is kept) gives each readiness its own key. SIP2 says
 * neither, so the same hold would have the same key every time and a title the patron
 * reserves again later would never be announced again. So a hold's readiness is an episode:
 * while the poll keeps finding it ready, its open announcement's key is reused (nothing new is
 * queued); once a poll finds it no longer ready, that announcement is ended
 * (db/notice-poll.ts), and the next time it is ready the key ends in the next episode number.
 * A hold with no open announcement in the poll's starting list is looked up again just before
 * its key is chosen (readyEpisode): an overlapping poll may have announced it meanwhile, and a
 * new episode is numbered one past the highest kept, so two overlapping slots work out the same
 * key and the outbox queues it once. Retention erases a hold's episodes together once every one
 * ended long enough ago (db/retention-announcements.ts), and numbering starts again at 0; a
 * poll that read the numbers before that is still stopped by the outbox, which writes an
 * episode only while no other of the same hold is open.
 */
import type { HoldSummary } from '../../core/index.ts'
import type { Db } from '../../db/client.ts'
import { episodeKey, readyEpisode, readyKeyPrefix } from '../../db/notice-poll.ts'

/** Each ready hold's key, by hold id. `open`: this patron's open ready announcements. */
export async function readyKeys(
  db: Db,
  patronId: number,
  ready: readonly HoldSummary[],
  open: readonly string[],
): Promise<Map<number, string>> {
  const keys = new Map<number, string>()
  for (const h of ready) {
    if (h.state !== 'ready') continue
    const prefix = readyKeyPrefix(patronId, h.id)
    const dated = h.readyAt ?? h.pickupBy
    if (dated !== null) {
      keys.set(h.id, `${prefix}${dated}`)
      continue
    }
    const current = open.find((k) => k.startsWith(prefix))
    if (current) {
      keys.set(h.id, current)
      continue
    }
    const episode = await readyEpisode(db, prefix)
    keys.set(h.id, episode.open ?? episodeKey(prefix, episode.next))
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
