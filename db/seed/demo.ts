/**
 * The demo library as plain rows: Hirakata's places, about 2,000 made-up titles with their
 * copies, the demo patrons of README.md and a crowd of other patrons who keep the shelves
 * moving. Deterministic: the same seed and the same `now` give the same rows.
 */
import { addDays, jstDate } from '../../core/dates.ts'
import { CatalogueContext, person } from './catalogue.ts'
import { copiesFor } from './copies.ts'
import { DEMO_PEOPLE, patronNumber, patronPhone, type Role } from './demo-people.ts'
import { type DemoNote, isBook, Picker, playDemo } from './demo-script.ts'
import { titleChunks } from './entries.ts'
import { makeIsbn } from './isbn.ts'
import { Ledger } from './ledger.ts'
import { buildPlaces } from './places.ts'
import { Rng } from './prng.ts'
import type { Library, PatronRow, TitleRow } from './rows.ts'

export const DEMO_SEED = 20250401
export const DEMO_TITLES = 2_000
/** Patrons besides the demo people, who borrow and reserve at random. */
const CROWD = 80

export interface DemoOptions {
  now: number
  seed?: number
  titles?: number
}

/** The demo library and README's notes on which title shows what. */
export interface DemoLibrary extends Library {
  notes: DemoNote[]
}

export function buildDemo({
  now,
  seed = DEMO_SEED,
  titles = DEMO_TITLES,
}: DemoOptions): DemoLibrary {
  const rng = new Rng(seed)
  const today = jstDate(now)
  const [year, month] = today.split('-').map(Number) as [number, number]
  const ctx = new CatalogueContext(rng.fork(1), year, month)
  const lib: Library = {
    places: buildPlaces(),
    titles: [...titleChunks(rng.fork(2), ctx, titles)].flat(),
    copies: [],
    patrons: [],
    loans: [],
    holds: [],
    personal: [],
  }
  const ill = interLibraryTitles(ctx)
  lib.titles.push(...ill)
  const copyRng = rng.fork(3)
  for (const t of lib.titles) {
    if (t === ill[1]) continue
    lib.copies.push(...copiesFor(copyRng, t, lib.copies.length + 1))
  }
  const illCopy = lib.copies.find((c) => c.titleId === ill[0].id)!
  // Registered at the central library while it is here; it goes back to the university.
  Object.assign(illCopy, { callNumber: 'ILL', libraryId: 1, placeId: 1 })

  for (const person of DEMO_PEOPLE)
    lib.patrons.push(patronRow(lib.patrons.length + 1, person, today, now))
  const crowdRng = rng.fork(4)
  for (let i = 0; i < CROWD; i++)
    lib.patrons.push(crowdPatron(crowdRng, lib.patrons.length + 1, today, now))

  const ledger = new Ledger(lib, now)
  const pick = new Picker(lib.titles, ledger)
  for (const t of ill) pick.markUsed(t)
  const byRole = (role: Role) => lib.patrons[DEMO_PEOPLE.findIndex((p) => p.role === role)]!
  const others = lib.patrons.filter((_, i) => DEMO_PEOPLE[i]?.role === 'other')
  const set3 = threeVolumeSet(lib.titles, pick)
  const notes = playDemo(ledger, pick, { byRole, others, ill: [ill[0], ill[1]], set3 })
  crowdCirculation(rng.fork(5), ledger, pick, lib.patrons.slice(DEMO_PEOPLE.length))
  return { ...lib, notes }
}

function patronRow(
  id: number,
  p: (typeof DEMO_PEOPLE)[number],
  today: string,
  now: number,
): PatronRow {
  const expired = p.role === 'expired'
  const local = p.role === 'unconfirmedEmail' ? 'yui.kobayashi' : `demo${id}`
  return {
    id,
    number: patronNumber(id),
    name: p.name,
    nameYomi: p.nameYomi,
    phone: patronPhone(id),
    category: p.category,
    status: expired ? 'expired' : 'active',
    expiresOn: expired ? addDays(today, -40) : addDays(today, 3 * 365),
    password: p.password,
    email: p.role === 'noPassword' || p.role === 'wideArea' ? null : `${local}@example.jp`,
    emailConfirmed: p.role !== 'unconfirmedEmail',
    historyOptIn: p.role === 'ordinary',
    homeLibraryId: 1 + (id % 9),
    createdAt: now - (400 + id * 37) * 86_400_000,
  }
}

function crowdPatron(rng: Rng, id: number, today: string, now: number): PatronRow {
  const who = person(rng)
  return {
    id,
    number: patronNumber(id),
    name: who.name,
    nameYomi: who.yomi,
    phone: patronPhone(id),
    category: rng.chance(0.03) ? 'print_disabled' : 'general',
    status: 'active',
    expiresOn: addDays(today, rng.int(200, 1500)),
    password: null,
    email: null,
    emailConfirmed: false,
    historyOptIn: false,
    homeLibraryId: rng.int(1, 9),
    createdAt: now - rng.int(30, 3000) * 86_400_000,
  }
}

/** Two books the city does not own: one lent from a university, one requested from another city. */
function interLibraryTitles(ctx: CatalogueContext): [TitleRow, TitleRow] {
  const base = {
    materialType: 'book' as const,
    genre: 'history',
    setId: null,
    volume: null,
    notForLoan: false,
    issue: null,
    publisher: '関西学術出版会',
  }
  return [
    ctx.title({
      ...base,
      title: '淀川水系治水史研究',
      yomi: 'ヨドガワスイケイチスイシケンキュウ',
      author: '西田 隆',
      authorYomi: 'ニシダ タカシ',
      year: 2012,
      isbn: makeIsbn('87125', 41),
    }),
    ctx.title({
      ...base,
      title: '河内木綿の流通と商人',
      yomi: 'カワチモメンノリュウツウトショウニン',
      author: '望月 紀子',
      authorYomi: 'モチヅキ ノリコ',
      year: 2008,
      isbn: makeIsbn('87125', 17),
    }),
  ]
}

/** The first 上・中・下 set whose every volume has a copy on the shelf. */
function threeVolumeSet(titles: readonly TitleRow[], pick: Picker): TitleRow[] {
  for (const first of titles) {
    if (first.setId === null || first.volume !== 1) continue
    const vols = titles.filter((t) => t.setId === first.setId)
    if (vols.length !== 3) continue
    for (const v of vols) pick.markUsed(v)
    return vols
  }
  throw new Error('seed: the catalogue has no three-volume set')
}

/** The crowd borrows a few books each (some overdue) and queues for some of them. */
function crowdCirculation(rng: Rng, ledger: Ledger, pick: Picker, crowd: PatronRow[]): void {
  const lent: TitleRow[] = []
  for (const patron of crowd) {
    for (let k = rng.int(0, 4); k > 0; k--) {
      const t = pick.takeAnywhere(
        rng,
        rng.chance(0.8)
          ? isBook()
          : (x) => !x.notForLoan && x.materialType !== 'audiobook' && x.setId === null,
      )
      const daysAgo = rng.chance(0.1) ? rng.int(15, 30) : rng.int(0, 13)
      ledger.lend(patron, t, { daysAgo })
      lent.push(t)
    }
  }
  for (const t of lent) {
    if (!rng.chance(0.3) || ledger.shelfCopy(t.id)) continue
    const borrowers = new Set(
      ledger.lib.loans
        .filter(
          (l) => l.returnedAt === null && ledger.copiesOf(t.id).some((c) => c.id === l.copyId),
        )
        .map((l) => l.patronId),
    )
    for (let k = rng.int(1, 3); k > 0; k--) {
      const patron = rng.pick(crowd)
      if (
        borrowers.has(patron.id) ||
        ledger.lib.holds.some((h) => h.patronId === patron.id && h.titleId === t.id)
      )
        continue
      ledger.hold(patron, t, { daysAgo: rng.int(0, 10), pickupId: rng.int(1, 19) })
    }
  }
}
