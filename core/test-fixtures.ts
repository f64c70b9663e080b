/** Builders for the plain data the rules take, for tests only (not exported from index.ts). */
import { HIRAKATA_POLICY } from './policy.ts'
import type { Hold, Loan, Patron, Place, Title } from './types.ts'

export const P = HIRAKATA_POLICY

export function patron(over: Partial<Patron> = {}): Patron {
  return {
    id: 1,
    number: '12345678',
    category: 'general',
    expiresOn: null,
    hasPassword: true,
    reachable: true,
    ...over,
  }
}

export function title(id: number, over: Partial<Title> = {}): Title {
  return { id, materialType: 'book', notForLoan: false, setId: null, volume: null, ...over }
}

export function loan(over: Partial<Loan> = {}): Loan {
  return {
    id: 1,
    titleId: 900,
    materialType: 'book',
    loanDate: '2026-05-01',
    dueDate: '2026-05-15',
    renewals: 0,
    interLibrary: false,
    heldByOthers: false,
    ...over,
  }
}

export function hold(id: number, over: Partial<Hold> = {}): Hold {
  return {
    id,
    patronId: 1,
    titleId: 100 + id,
    materialType: 'book',
    state: 'waiting',
    placedAt: 1_000_000 + id,
    pickupPlaceId: 1,
    setGroup: null,
    volume: null,
    interLibrary: false,
    ...over,
  }
}

export const CENTRAL: Place = {
  id: 1,
  name: '中央図書館',
  nameEn: 'Central Library',
  kind: 'library',
  phone: '050-7105-8141',
}

export const KUZUHA: Place = {
  id: 3,
  name: '楠葉図書館',
  nameEn: 'Kuzuha Library',
  kind: 'library',
  phone: '050-7102-3113',
}

export const LOCKER: Place = {
  id: 20,
  name: '枚方市駅 予約図書受取ロッカー',
  nameEn: 'Hirakatashi Station pickup locker',
  kind: 'locker',
  // Its row lists the number of the library that fills it, as the seed's lockers do: a patron
  // phones that library, under its own name (a phone line names one place).
  phone: '072-841-1103',
  runBy: { name: '駅前図書館', nameEn: 'Ekimae Library', phone: '072-841-1103' },
}
