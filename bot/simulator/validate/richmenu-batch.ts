/**
 * Rich menu batch requests (`POST /v2/bot/richmenu/batch` and its validate twin), per LINE's
 * reference: 1–1000 operations, each `link` (from → to), `unlink` (from) or `unlinkAll`, and
 * an optional `resumeRequestKey` of 1–100 letters, digits, `_` or `-`. Every menu named must
 * exist, and a `to` menu must have its image, as for any link.
 *
 * LINE runs the operations in parallel, user by user, so where its reference is silent the
 * simulator refuses what would make a user's outcome depend on that order: two operations with
 * the same `from`, or `unlinkAll` beside other operations.
 */
import { type ErrorDetail, MESSAGES } from '../errors.ts'
import type { RichMenuBatchOperation, StoredRichMenu } from '../state.ts'
import { isObj } from './actions.ts'

export const MAX_BATCH_OPERATIONS = 1000
const RESUME_KEY_RE = /^[a-zA-Z0-9_-]{1,100}$/

export type BatchCheck =
  | { ok: true; operations: RichMenuBatchOperation[]; resumeRequestKey?: string }
  | { ok: false; details: ErrorDetail[] }

export function validateRichMenuBatch(
  body: Record<string, unknown>,
  menus: ReadonlyMap<string, StoredRichMenu>,
): BatchCheck {
  const details: ErrorDetail[] = []
  const key = body.resumeRequestKey
  if (key !== undefined && (typeof key !== 'string' || !RESUME_KEY_RE.test(key)))
    details.push({
      message: 'Must be 1 to 100 letters, digits, _ or -',
      property: 'resumeRequestKey',
    })
  const ops = body.operations
  if (!Array.isArray(ops) || ops.length < 1 || ops.length > MAX_BATCH_OPERATIONS) {
    details.push({
      message: `Size must be between 1 and ${MAX_BATCH_OPERATIONS}`,
      property: 'operations',
    })
    return { ok: false, details }
  }
  const operations: RichMenuBatchOperation[] = []
  ops.forEach((op, i) => {
    const checked = checkOperation(op, `operations[${i}]`, menus, details)
    if (checked) operations.push(checked)
  })
  if (details.length === 0) checkUnambiguous(operations, details)
  if (details.length > 0) return { ok: false, details }
  return typeof key === 'string'
    ? { ok: true, operations, resumeRequestKey: key }
    : { ok: true, operations }
}

function checkOperation(
  op: unknown,
  p: string,
  menus: ReadonlyMap<string, StoredRichMenu>,
  details: ErrorDetail[],
): RichMenuBatchOperation | null {
  if (!isObj(op)) {
    details.push({ message: 'Must be an object', property: p })
    return null
  }
  const before = details.length
  const menu = (name: 'from' | 'to', needsImage: boolean): string => {
    const id = op[name]
    const property = `${p}.${name}`
    if (typeof id !== 'string' || id === '') {
      details.push({ message: 'Must not be empty', property })
      return ''
    }
    const found = menus.get(id)
    if (!found) details.push({ message: MESSAGES.richMenuNotFound, property })
    else if (needsImage && !found.image)
      details.push({ message: MESSAGES.imageNotUploaded, property })
    return id
  }
  switch (op.type) {
    case 'link': {
      const from = menu('from', false)
      const to = menu('to', true)
      return details.length === before ? { type: 'link', from, to } : null
    }
    case 'unlink': {
      const from = menu('from', false)
      return details.length === before ? { type: 'unlink', from } : null
    }
    case 'unlinkAll':
      return { type: 'unlinkAll' }
    default:
      details.push({ message: 'Must be one of link, unlink or unlinkAll', property: `${p}.type` })
      return null
  }
}

function checkUnambiguous(operations: RichMenuBatchOperation[], details: ErrorDetail[]): void {
  if (operations.length > 1 && operations.some((op) => op.type === 'unlinkAll')) {
    details.push({
      message: 'unlinkAll must be the only operation in a batch',
      property: 'operations',
    })
    return
  }
  const seen = new Set<string>()
  operations.forEach((op, i) => {
    if (op.type === 'unlinkAll') return
    if (seen.has(op.from))
      details.push({
        message: 'Each rich menu may be the from of one operation only',
        property: `operations[${i}].from`,
      })
    seen.add(op.from)
  })
}
