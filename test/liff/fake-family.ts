/**
 * The fake API with family cards (ACC-FAMILY): the LINE account's first card is the fixture
 * patron (山田 花子, FakeLibrary's own lists); each other card answers GET /api/loans and
 * /api/holds with its own lists when a call names it in `X-Bunko-Patron`.
 */
import type { FamilyCard, Hold, Loan } from '../../liff/api-types.ts'
import { FakeLibrary } from './fake-api.ts'
import * as F from './fixtures.ts'

export interface FakeCard extends FamilyCard {
  loans: Loan[]
  holds: Hold[]
}

export class FakeFamily extends FakeLibrary {
  constructor(readonly others: FakeCard[]) {
    super()
  }

  override async handle(req: Request): Promise<Response> {
    const path = new URL(req.url).pathname
    if (req.method === 'GET' && path === '/api/family') {
      const own = { patronId: 1, patronNumber: this.me.patronNumber, name: this.me.name }
      const cards = [
        own,
        ...this.others.map(({ patronId, patronNumber, name }) => ({
          patronId,
          patronNumber,
          name,
        })),
      ]
      return Response.json({ cards, limit: 6 })
    }
    const card = this.others.find((c) => String(c.patronId) === req.headers.get('X-Bunko-Patron'))
    if (card && req.method === 'GET' && path === '/api/loans')
      return Response.json({ today: F.TODAY, loans: card.loans })
    if (card && req.method === 'GET' && path === '/api/holds')
      return Response.json({
        holds: card.holds,
        counts: { total: card.holds.length, av: 0 },
        limits: { total: 15, av: 6 },
      })
    return super.handle(req)
  }
}
