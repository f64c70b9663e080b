/**
 * What the ILS owns reaches the API only through the LibrarySystem port (issue 14, items 1 and
 * 5): search runs on bunko's catalogue copy and asks the port once per page for availability;
 * the 詳細 page's copies, the lending library of a loan, pickup places and set sizes are the
 * port's. A port double that answers differently from the database shows which one the page
 * read.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { HIRAKATA_POLICY, type LibrarySystem, unavailable } from '../../core/index.ts'
import { patrons } from '../../db/schema.ts'
import type {
  HoldsResponse,
  LoansResponse,
  SearchResponse,
  TitleDetail,
} from '../../liff/api-types.ts'
import { HOLD, LOAN, PASSWORD, PLACE, TITLE } from './fixture.ts'
import { type ApiHarness, json, makeApi } from './harness.ts'

let t: ApiHarness
afterEach(() => t.close())

const search = (q: string) => t.call('GET', `/api/search?q=${encodeURIComponent(q)}`)

/** The embedded system with call counts, and with `change` applied on top. */
function counted(calls: Record<string, number>, change: Partial<LibrarySystem> = {}) {
  return (embedded: LibrarySystem): LibrarySystem => {
    const wrapped = { ...embedded, ...change } as LibrarySystem
    const out = { ...wrapped }
    for (const name of ['availability', 'copies', 'places', 'place', 'holds', 'title'] as const) {
      const fn = wrapped[name] as (...a: unknown[]) => Promise<unknown>
      ;(out as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
        calls[name] = (calls[name] ?? 0) + 1
        return fn(...args)
      }
    }
    return out
  }
}

describe('search and titles through the port', () => {
  it('a page of 20 hits asks the library system for availability once, and shows its counts', async () => {
    const calls: Record<string, number> = {}
    t = await makeApi({
      library: (embedded) =>
        counted(calls, {
          // The "ILS" says every copy is out: the page must show that, not the database.
          availability: async (ids) => {
            const a = await embedded.availability(ids)
            if (!a.ok) return a
            return {
              ok: true,
              value: a.value.map((x) => ({
                ...x,
                availability: x.availability.map((l) => ({ ...l, onShelf: 0 })),
              })),
            }
          },
        })(embedded),
    })
    const page = await json<SearchResponse>(await search('図書館の本'))
    expect(page.results).toHaveLength(20)
    expect(calls.availability).toBe(1)
    expect(page.results.every((r) => r.onShelf === 0)).toBe(true)
    expect(page.results.every((r) => r.copies! > 0)).toBe(true)
  })

  it('the embedded answers are what the database holds', async () => {
    t = await makeApi()
    const page = await json<SearchResponse>(await search('図書館の本'))
    expect(page.results.some((r) => r.onShelf! > 0)).toBe(true)
  })

  it('search still answers when the library system cannot be reached, its counts unknown (null)', async () => {
    t = await makeApi({ library: (e) => ({ ...e, availability: async () => unavailable() }) })
    const res = await search('図書館の本')
    expect(res.status).toBe(200)
    const page = await json<SearchResponse>(res)
    expect(page.results).toHaveLength(20)
    expect(page.results.every((r) => r.copies === null && r.onShelf === null)).toBe(true)
  })

  it('a search with no hits does not ask the library system', async () => {
    const calls: Record<string, number> = {}
    t = await makeApi({ library: counted(calls) })
    const page = await json<SearchResponse>(await search('存在しない題名ですよ'))
    expect(page.results).toEqual([])
    expect(calls.availability).toBeUndefined()
  })

  it("the 詳細 page lists the port's copies", async () => {
    t = await makeApi({
      library: (embedded) => ({
        ...embedded,
        copies: async (id) => {
          const c = await embedded.copies(id)
          if (!c.ok) return c
          // The ILS reports the 楠葉 copy missing: it is not listed.
          return {
            ok: true,
            value: c.value.map((x) =>
              x.libraryId === PLACE.kuzuha ? { ...x, status: 'missing' as const } : x,
            ),
          }
        },
      }),
    })
    const detail = await json<TitleDetail>(await t.call('GET', `/api/titles/${TITLE.book(3)}`))
    expect(detail.availability!.map((a) => a.library.id)).not.toContain(PLACE.kuzuha)
    expect(detail.availability!.length).toBeGreaterThan(0)
  })

  it('the 詳細 page still answers when the copies cannot be had: copies and queue unknown', async () => {
    t = await makeApi({ library: (e) => ({ ...e, copies: async () => unavailable() }) })
    const res = await t.call('GET', `/api/titles/${TITLE.book(3)}`)
    expect(res.status).toBe(200)
    expect(await json<TitleDetail>(res)).toMatchObject({ availability: null, queueLength: null })
  })
})

describe('loans and holds views through the port', () => {
  it("a loan's library to phone is the one the library system names", async () => {
    t = await makeApi({
      library: (embedded) => ({
        ...embedded,
        loans: async (patronId, now) => {
          const l = await embedded.loans(patronId, now)
          if (!l.ok) return l
          return {
            ok: true,
            value: l.value.map((x) => ({ ...x, libraryId: PLACE.kuzuha })),
          }
        },
      }),
    })
    const body = await json<LoansResponse>(await t.call('GET', '/api/loans'))
    expect(body.loans.every((l) => l.library.name === '楠葉図書館')).toBe(true)
  })

  it('a loan the system names no library for gives the library-wide contact', async () => {
    t = await makeApi({
      library: (embedded) => ({
        ...embedded,
        loans: async (patronId, now) => {
          const l = await embedded.loans(patronId, now)
          if (!l.ok) return l
          return { ok: true, value: l.value.map(({ libraryId: _, ...x }) => x) }
        },
      }),
    })
    const body = await json<LoansResponse>(await t.call('GET', '/api/loans'))
    expect(body.loans.find((l) => l.id === LOAN.renewable)!.library).toEqual({
      name: HIRAKATA_POLICY.contact.ja,
      phone: HIRAKATA_POLICY.contact.phone,
    })
  })

  it('the holds page reads places once and counts a set from the holds the system lists', async () => {
    const calls: Record<string, number> = {}
    t = await makeApi({ library: counted(calls) })
    const body = await json<HoldsResponse>(await t.call('GET', '/api/holds'))
    expect(calls.places).toBe(1)
    const first = body.holds.find((h) => h.id === HOLD.setFirst)!
    expect(first.set).toMatchObject({ volume: 1, of: 2 })
  })
})

describe('the password change through the port', () => {
  it('an unreachable system answers 503 and the password stays as it was', async () => {
    t = await makeApi({ library: (e) => ({ ...e, changePassword: async () => unavailable() }) })
    const before = await t.db.orm.select().from(patrons)
    const res = await t.call('POST', '/api/password', {
      body: { current: PASSWORD, next: 'atarashii-2026' },
    })
    expect(res.status).toBe(503)
    expect(await json<{ code: string }>(res)).toMatchObject({ code: 'library_unavailable' })
    expect(await t.db.orm.select().from(patrons)).toEqual(before)
  })
})
