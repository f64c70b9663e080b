/** Reading a JSON body and answering LINE's 400s. */
import type { Context } from 'hono'
import { type ErrorDetail, invalidJson, validationErrorBody } from '../errors.ts'
import { isObj, type Obj } from '../validate/actions.ts'
import type { SimEnv } from './middleware.ts'

/** The body as an object, or the 400 LINE answers when it is not one. */
export async function readJsonObject(c: Context<SimEnv>): Promise<Obj | Response> {
  // recordBody has parsed it already for the record; nothing changes a body once read.
  const recorded = c.get('call')?.body
  if (isObj(recorded) && (c.req.header('content-type') ?? '').startsWith('application/json'))
    return recorded
  try {
    const value: unknown = JSON.parse(await c.req.text())
    if (isObj(value)) return value
  } catch {
    // fall through to the 400 below
  }
  return c.json(invalidJson(), 400)
}

export function badRequest(c: Context<SimEnv>, details: ErrorDetail[]): Response {
  return c.json(validationErrorBody(details), 400)
}
