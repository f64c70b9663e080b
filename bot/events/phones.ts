/**
 * The phone list answered to 電話 / 連絡先: every library by name, then each other number
 * once (branch rooms and bookmobile stations share one line, as the library's guide lists).
 */
import type { Answer, LibrarySystem } from '../../core/library-system.ts'
import type { LibraryPhone } from '../messages/phones.ts'

const SHARED_LINE = { name: '分室・自動車文庫', nameEn: 'Branch rooms and bookmobile' }

export async function libraryPhones(library: LibrarySystem): Promise<Answer<LibraryPhone[]>> {
  const answer = await library.places()
  if (!answer.ok) return answer
  const places = answer.value
  const libraries = places.filter((p) => p.kind === 'library')
  const listed = new Set(libraries.map((p) => p.phone))
  const out: LibraryPhone[] = libraries.map((p) => ({
    name: p.name,
    nameEn: p.nameEn ?? undefined,
    phone: p.phone,
  }))
  for (const p of places) {
    if (listed.has(p.phone)) continue
    listed.add(p.phone)
    out.push({ ...SHARED_LINE, phone: p.phone })
  }
  return { ok: true, value: out }
}
