/**
 * A large library for benchmarks: N titles from the same catalogue mix as the demo, N/10
 * patrons, copies, loans and holds in proportion. Produced as a stream of chunks, so a
 * million titles never sit in memory at once; only two small counters per patron do (to keep
 * every patron within HOLD-LIMIT, as the real service would).
 */
import { addDays, dueDateFor, HIRAKATA_POLICY, jstDate, jstInstant } from '../../core/index.ts'
import { CatalogueContext, person } from './catalogue.ts'
import { copiesFor } from './copies.ts'
import { patronNumber, patronPhone } from './demo-people.ts'
import { titleChunks } from './entries.ts'
import { buildPlaces } from './places.ts'
import { Rng } from './prng.ts'
import type { CopyRow, HoldRow, Library, LoanRow, PatronRow, TitleRow } from './rows.ts'

export interface LargeOptions {
  titles: number
  now: number
  seed?: number
  /** Titles per chunk. */
  chunk?: number
}

/** Share of copies out on loan, and of titles in demand (every copy out, a queue of holds). */
const ON_LOAN = 0.1
const IN_DEMAND = 0.03
const DAY = 86_400_000
/** The one password all bench patrons share: hashing it per patron would take hours. */
export const BENCH_PASSWORD = 'bench-password'

export type Chunk = Omit<Library, 'personal'>

const empty = (): Chunk => ({
  places: [],
  titles: [],
  copies: [],
  patrons: [],
  loans: [],
  holds: [],
})

export function patronCount(titles: number): number {
  return Math.max(20, Math.ceil(titles / 10))
}

/** The places and patrons first, then titles with their copies, loans and holds. */
export function* largeLibrary(o: LargeOptions): Generator<Chunk> {
  const rng = new Rng(o.seed ?? 1)
  const today = jstDate(o.now)
  const patrons = patronCount(o.titles)
  yield { ...empty(), places: buildPlaces() }
  const who = rng.fork(1)
  for (let first = 1; first <= patrons; first += 10_000) {
    const rows: PatronRow[] = []
    for (let id = first; id < Math.min(first + 10_000, patrons + 1); id++)
      rows.push(benchPatron(who, id, today, o.now))
    yield { ...empty(), patrons: rows }
  }
  const [year, month] = today.split('-').map(Number) as [number, number]
  const ctx = new CatalogueContext(rng.fork(2), year, month, 5_000)
  const circ = new Circulation(rng.fork(3), patrons, today, o.now)
  const copyRng = rng.fork(4)
  let nextCopy = 1
  for (const titles of titleChunks(rng.fork(5), ctx, o.titles, o.chunk ?? 5_000)) {
    const chunk: Chunk = { ...empty(), titles }
    for (const t of titles) {
      const copies = copiesFor(copyRng, t, nextCopy)
      nextCopy += copies.length
      chunk.copies.push(...copies)
      circ.circulate(t, copies, chunk)
    }
    yield chunk
  }
}

function benchPatron(rng: Rng, id: number, today: string, now: number): PatronRow {
  const p = person(rng)
  return {
    id,
    number: patronNumber(id),
    name: p.name,
    nameYomi: p.yomi,
    phone: patronPhone(id % 10_000),
    category: rng.chance(0.01) ? 'print_disabled' : 'general',
    status: 'active',
    expiresOn: addDays(today, rng.int(100, 1500)),
    // Every bench patron may use the online service, so placing a hold runs its real path.
    password: BENCH_PASSWORD,
    email: `p${id}@example.jp`,
    emailConfirmed: true,
    historyOptIn: false,
    homeLibraryId: rng.int(1, 9),
    createdAt: now - rng.int(30, 3000) * DAY,
  }
}

/** Lends copies and queues holds, keeping every patron within 15 holds / 6 AV. */
class Circulation {
  private nextLoan = 1
  private nextHold = 1
  private readonly holds: Uint8Array
  private readonly avHolds: Uint8Array

  constructor(
    private readonly rng: Rng,
    private readonly patrons: number,
    private readonly today: string,
    private readonly now: number,
  ) {
    this.holds = new Uint8Array(patrons + 1)
    this.avHolds = new Uint8Array(patrons + 1)
  }

  circulate(t: TitleRow, copies: CopyRow[], out: Chunk): void {
    if (t.notForLoan || t.materialType === 'audiobook') return
    const inDemand = this.rng.chance(IN_DEMAND)
    const borrowers = new Set<number>()
    for (const c of copies) {
      if (!inDemand && !this.rng.chance(ON_LOAN)) continue
      let patronId = this.rng.int(1, this.patrons)
      while (borrowers.has(patronId)) patronId = this.rng.int(1, this.patrons)
      borrowers.add(patronId)
      out.loans.push(this.lend(patronId, t, c))
    }
    if (!inDemand) return
    const av = HIRAKATA_POLICY.avTypes.includes(t.materialType)
    const queue = new Set<number>()
    for (let k = this.rng.int(1, 5); k > 0; k--) {
      const p = this.rng.int(1, this.patrons)
      if (borrowers.has(p) || queue.has(p) || this.holds[p]! >= 15) continue
      if (av && this.avHolds[p]! >= 6) continue
      queue.add(p)
      this.holds[p]!++
      if (av) this.avHolds[p]!++
      out.holds.push(this.hold(p, t, k))
    }
  }

  private lend(patronId: number, t: TitleRow, c: CopyRow): LoanRow {
    const daysAgo = this.rng.chance(0.08) ? this.rng.int(15, 40) : this.rng.int(0, 13)
    const loanDate = addDays(this.today, -daysAgo)
    c.status = 'on_loan'
    c.placeId = null
    return {
      id: this.nextLoan++,
      patronId,
      copyId: c.id,
      libraryId: c.libraryId,
      loanDate,
      dueDate: dueDateFor(loanDate, t.materialType, HIRAKATA_POLICY),
      renewals: 0,
      interLibrary: false,
      locker: false,
      holdId: null,
      loanedAt: jstInstant(loanDate, '11:00'),
      returnedAt: null,
    }
  }

  private hold(patronId: number, t: TitleRow, k: number): HoldRow {
    return {
      id: this.nextHold++,
      patronId,
      titleId: t.id,
      copyId: null,
      pickupPlaceId: this.rng.int(1, 19),
      placedAt: this.now - (k * 3 + this.rng.int(0, 2)) * DAY - this.rng.int(0, DAY - 1),
      state: 'waiting',
      readyAt: null,
      pickupBy: null,
      setGroup: null,
      volume: null,
      interLibrary: false,
      loanId: null,
    }
  }
}
