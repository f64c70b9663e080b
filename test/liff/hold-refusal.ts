/**
 * A title page whose hold is refused as HOLD-DUP, for the title page's tests in either
 * language: core's real sentence (「…予約中一覧でご確認ください。」), so a change of wording
 * there shows up here, and a fake library that sends it with title 11.
 */
import { holdMessage } from '../../core/hold-messages.ts'
import { HIRAKATA_POLICY } from '../../core/policy.ts'
import { FakeLibrary } from './fake-api.ts'

export const duplicateRefusal = holdMessage(
  {
    reason: 'duplicate',
    title: {
      id: 11,
      name: '海辺の物語 上',
      materialType: 'book',
      notForLoan: false,
      setId: null,
      volume: null,
    },
    req: { holds: [{ titleId: 11, state: 'waiting' }], loans: [] },
  },
  HIRAKATA_POLICY,
)

/** The fake library, answering title 11 with `message` as its hold refusal. */
export function refusingTitle11(message: string): FakeLibrary {
  const fake = new FakeLibrary()
  const handle = fake.handle.bind(fake)
  fake.handle = async (req) => {
    const res = await handle(req)
    if (new URL(req.url).pathname !== '/api/titles/11') return res
    const d = await res.json()
    return Response.json({ ...d, holdRefusal: { reason: 'duplicate', message } })
  }
  return fake
}
