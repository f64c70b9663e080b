/** Holds made for the holds-list tests (liff/src/pages/Holds*.test.tsx). */
import { FakeLibrary } from './fake-api.ts'

/** Occurrences of `word` in `s`, ignoring case. */
export function count(s: string, word: string): number {
  return s.toLowerCase().split(word.toLowerCase()).length - 1
}

/** Hold 201 on its way to 楠葉図書館, refused online cancel with `refusal` (the server's words). */
export function inTransit(refusal: string): FakeLibrary {
  const fake = new FakeLibrary()
  fake.holds = fake.holds.map((h) =>
    h.id === 201
      ? {
          ...h,
          state: 'in_transit' as const,
          queuePosition: null,
          transit: { to: { id: 2, name: '楠葉図書館' }, sentOn: '2026-05-10' },
          cancellable: false as const,
          refusal: {
            reason: 'ready_hold' as const,
            message: refusal,
            contact: { name: '楠葉図書館', phone: '050-7102-3113' },
          },
        }
      : h,
  )
  return fake
}

/** The fake library with hold 202 (ready at 中央, 川べりの四季) changed by `change`. */
function withHold202(change: (h: FakeLibrary['holds'][number]) => FakeLibrary['holds'][number]) {
  const fake = new FakeLibrary()
  fake.holds = fake.holds.map((h) => (h.id === 202 ? change(h) : h))
  return fake
}

/** Hold 202 ready at the 長尾台 station, loaded for the visit of 13 May; the next is 27 May. */
export const atStation = (): FakeLibrary =>
  withHold202((h) => ({
    ...h,
    pickupPlace: {
      id: 4,
      name: '自動車文庫 長尾台ステーション',
      kind: 'bookmobile' as const,
      phone: '050-7105-8114',
    },
    pickupBy: '2026-05-27',
    visit: { date: '2026-05-13', start: '13:30', end: '14:10' },
  }))

/** Hold 202 ready in the 枚方市駅 locker, already lent to the patron (HOLD-LOCKER). */
export const inTheLocker = (): FakeLibrary =>
  withHold202((h) => ({
    ...h,
    pickupPlace: {
      id: 5,
      name: '枚方市駅 予約図書受取ロッカー',
      kind: 'locker' as const,
      phone: '050-7105-8141',
    },
    inLocker: true,
  }))
