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
