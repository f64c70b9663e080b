/**
 * Every copy of one title with where it is now and, when lent, its due date: what the 詳細
 * page lists (the port's `copies`). Copies recorded missing are included; the page decides
 * what to show.
 */
import { and, eq, isNull } from 'drizzle-orm'
import type { TitleCopy } from '../core/library-system.ts'
import type { Db } from './client.ts'
import { isId } from './refusals.ts'
import { copies, loans } from './schema.ts'

export async function titleCopies(db: Db, titleId: number): Promise<TitleCopy[]> {
  if (!isId(titleId)) return []
  const rows = await db.orm
    .select({ copy: copies, dueDate: loans.dueDate })
    .from(copies)
    .leftJoin(loans, and(eq(loans.copyId, copies.id), isNull(loans.returnedAt)))
    .where(eq(copies.titleId, titleId))
    .orderBy(copies.id)
  return rows.map(({ copy, dueDate }) => ({
    libraryId: copy.homeLibraryId,
    callNumber: copy.callNumber,
    status: copy.status,
    placeId: copy.currentPlaceId,
    dueDate: dueDate ?? null,
  }))
}
