/** The seed's plain data: ISBNs, readings, determinism, the demo's invariants on any day. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { addDays, daysBetween, jstDate, jstInstant } from '../../core/dates.ts'
import { HIRAKATA_POLICY } from '../../core/policy.ts'
import { buildDemo } from './demo.ts'
import { DEMO_DOC_PATH, demoPatronsMarkdown } from './demo-doc.ts'
import { isbn13CheckDigit, isValidIsbn13, makeIsbn } from './isbn.ts'
import { largeLibrary, patronCount } from './large.ts'
import type { Library } from './rows.ts'

const NOW = jstInstant('2026-06-10', '09:00')

describe('ISBN-13', () => {
  it('computes the check digit of known ISBNs', () => {
    expect(isbn13CheckDigit('978030640615')).toBe(7) // 978-0-306-40615-7
    expect(isbn13CheckDigit('978406123456')).toBe(7)
    expect(isValidIsbn13('978-4-10-109205-8')).toBe(true)
    expect(isValidIsbn13('978-4-10-109205-7')).toBe(false)
    expect(isValidIsbn13('978-4-10-10920-8')).toBe(false)
  })

  it('makes 978-4 ISBNs with a valid check digit and refuses a serial that does not fit', () => {
    expect(makeIsbn('8312', 41)).toMatch(/^978-4-8312-0041-\d$/)
    expect(isValidIsbn13(makeIsbn('87125', 999))).toBe(true)
    expect(() => makeIsbn('8312', 10_000)).toThrow(RangeError)
  })

  it('gives every demo title with an ISBN a valid and unique one', () => {
    const { titles } = buildDemo({ now: NOW })
    const isbns = titles.flatMap((t) => (t.isbn ? [t.isbn] : []))
    expect(isbns.length).toBeGreaterThan(1_500)
    for (const isbn of isbns) expect(isValidIsbn13(isbn), isbn).toBe(true)
    expect(new Set(isbns).size).toBe(isbns.length)
  })
})

describe('the demo catalogue', () => {
  const lib = buildDemo({ now: NOW })

  it('has about 2,000 titles of every material type, sets, manga series and reference books', () => {
    expect(lib.titles.length).toBeGreaterThanOrEqual(2_000)
    const types = new Set(lib.titles.map((t) => t.materialType))
    for (const type of HIRAKATA_POLICY.avTypes.concat([
      'book',
      'magazine',
      'manga',
      'kamishibai',
      'audiobook',
    ]))
      expect(types, type).toContain(type)
    const sets = new Map<number, number>()
    for (const t of lib.titles)
      if (t.setId !== null) sets.set(t.setId, (sets.get(t.setId) ?? 0) + 1)
    expect([...sets.values()]).toContain(2)
    expect([...sets.values()]).toContain(3)
    expect(lib.titles.filter((t) => t.materialType === 'manga' && t.setId !== null)).toEqual([])
    expect(lib.titles.some((t) => t.materialType === 'manga' && t.volume === 3)).toBe(true)
    expect(lib.titles.filter((t) => t.notForLoan).length).toBeGreaterThan(10)
    expect(
      lib.titles
        .filter((t) => t.materialType === 'magazine')
        .every((t) => /\d+年\d+月号$/.test(t.title)),
    ).toBe(true)
  })

  it('writes every reading in katakana (digits, long marks and spaces allowed)', () => {
    for (const t of lib.titles) {
      expect(t.yomi, t.title).toMatch(/^[ァ-ヶー・0-9]+$/)
      if (t.authorYomi) expect(t.authorYomi, t.author ?? '').toMatch(/^[ァ-ヶー]+ [ァ-ヶー]+$/)
    }
  })

  it('lists Hirakata’s libraries with the guide’s phone numbers, and the branch rooms', () => {
    const phone = (name: string) => lib.places.find((p) => p.name === name)?.phone
    expect(phone('中央図書館')).toBe('050-7105-8141')
    expect(phone('駅前図書館')).toBe('072-841-1103')
    expect(lib.places.filter((p) => p.kind === 'library')).toHaveLength(9)
    const rooms = lib.places.filter((p) => p.kind === 'branch_room')
    expect(rooms.map((r) => r.name.replace('分室', ''))).toEqual([
      '藤阪',
      '村野',
      '枚方公園',
      '氷室',
      '香里園',
      '宮之阪',
    ])
    for (const r of rooms) expect(r.phone).toBe('050-7105-8114')
    for (const p of lib.places) expect(p.nameEn).not.toBe('')
    for (const l of lib.places.filter((p) => p.kind === 'locker')) {
      const parent = lib.places.find((p) => p.id === l.parentId)!
      expect(l.phone).toBe(parent.phone)
    }
  })
})

it('is deterministic: the same seed and day give the same rows, another seed other titles', () => {
  const a = buildDemo({ now: NOW })
  const b = buildDemo({ now: NOW })
  expect(b).toEqual(a)
  const c = buildDemo({ now: NOW, seed: 7 })
  expect(c.titles.map((t) => t.title)).not.toEqual(a.titles.map((t) => t.title))
})

/** What must hold in any library the seed writes, whatever the day. */
function checkInvariants(lib: Library, today: string): void {
  const open = lib.loans.filter((l) => l.returnedAt === null)
  const openCopies = new Set(open.map((l) => l.copyId))
  expect(openCopies.size, 'one open loan per copy').toBe(open.length)
  for (const c of lib.copies)
    expect(c.status === 'on_loan', `copy ${c.id}`).toBe(openCopies.has(c.id))
  const titleOf = new Map(lib.copies.map((c) => [c.id, c.titleId]))
  const title = new Map(lib.titles.map((t) => [t.id, t]))
  const patron = new Map(lib.patrons.map((p) => [p.id, p]))
  const active = lib.holds.filter((h) => ['waiting', 'in_transit', 'ready'].includes(h.state))
  const seen = new Set<string>()
  for (const h of active) {
    const t = title.get(h.titleId)!
    expect(t.notForLoan, 'HOLD-NONCIRC').toBe(false)
    if (t.materialType === 'audiobook')
      expect(patron.get(h.patronId)!.category).toBe('print_disabled')
    const key = `${h.patronId}:${h.titleId}`
    expect(seen.has(key), 'HOLD-DUPLICATE').toBe(false)
    seen.add(key)
    const onLoan = open.some(
      (l) => l.patronId === h.patronId && titleOf.get(l.copyId) === h.titleId,
    )
    expect(onLoan && !h.loanId, 'no hold on a title the patron has on loan').toBe(false)
    if (h.state === 'ready')
      expect(h.pickupBy! >= today, 'ready holds are not yet expired').toBe(true)
  }
  for (const p of lib.patrons) {
    const mine = active.filter((h) => h.patronId === p.id)
    expect(mine.length, 'HOLD-LIMIT total').toBeLessThanOrEqual(15)
    const av = mine.filter((h) =>
      HIRAKATA_POLICY.avTypes.includes(title.get(h.titleId)!.materialType),
    )
    expect(av.length, 'HOLD-LIMIT AV').toBeLessThanOrEqual(6)
  }
}

it('keeps its invariants on any day of the year (year end, month ends, Mondays)', () => {
  for (const day of [
    '2026-01-01',
    '2026-03-31',
    '2026-06-15',
    '2026-12-28',
    '2026-12-31',
    '2027-02-28',
  ]) {
    const now = jstInstant(day, '12:00')
    const lib = buildDemo({ now })
    checkInvariants(lib, jstDate(now))
    const blocked = lib.loans.find((l) => l.patronId === 4 && daysBetween(l.dueDate, day) > 60)
    expect(blocked, `ACC-BLOCK-OVERDUE case on ${day}`).toBeDefined()
    const soon = lib.loans.filter(
      (l) => l.patronId === 1 && l.dueDate > day && l.dueDate <= addDays(day, 16),
    )
    expect(soon.length, day).toBeGreaterThan(0)
  }
})

/** Markdown tables as Biome pads them and as written compare equal. */
const unpad = (md: string) =>
  md
    .split('\n')
    .map((l) => (l.startsWith('|') ? l.replace(/ *\| */g, '|').replace(/-{3,}/g, '---') : l))
    .join('\n')

it('DEMO-PATRONS.md matches the seed (run `npx tsx db/seed/demo-doc.ts` after changing it)', () => {
  expect(unpad(readFileSync(DEMO_DOC_PATH, 'utf8'))).toBe(unpad(demoPatronsMarkdown()))
})

describe('the large generator', () => {
  it('produces exactly N titles, N/10 patrons, and copies, loans and holds in proportion', () => {
    for (const n of [1, 37, 2_500]) {
      const lib: Library = {
        places: [],
        titles: [],
        copies: [],
        patrons: [],
        loans: [],
        holds: [],
        personal: [],
      }
      for (const c of largeLibrary({ titles: n, now: NOW, chunk: 500 }))
        for (const k of ['places', 'titles', 'copies', 'patrons', 'loans', 'holds'] as const)
          (lib[k] as unknown[]).push(...c[k])
      expect(lib.titles).toHaveLength(n)
      expect(lib.titles.map((t) => t.id)).toEqual(Array.from({ length: n }, (_, i) => i + 1))
      expect(lib.patrons).toHaveLength(patronCount(n))
      expect(lib.copies.length).toBeGreaterThanOrEqual(n)
      if (n >= 2_500) {
        expect(lib.loans.length).toBeGreaterThan(n * 0.1)
        expect(lib.holds.length).toBeGreaterThan(n * 0.02)
      }
      checkInvariants(lib, jstDate(NOW))
      const barcodes = new Set(lib.copies.map((c) => c.barcode))
      expect(barcodes.size).toBe(lib.copies.length)
    }
  })
})
