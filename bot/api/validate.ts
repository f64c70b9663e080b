/**
 * Input validation with valibot: path ids, query strings and JSON bodies are parsed against a
 * schema before any handler looks at them. Objects are strict (an unknown field is refused:
 * it is a client bug or a probe, and guessing what it meant would be worse), strings are
 * bounded, and a refusal names the field at fault in the `invalid` answer.
 */
import type { Context } from 'hono'
import * as v from 'valibot'
import { ID_TEXT } from '../../core/ids.ts'
import type { Lang } from '../../liff/api-types.ts'
import { problem } from './problem.ts'
import { invalidField, WORDS } from './words.ts'

/** Largest JSON body any /api call needs (a 25-title cart is well under 1 KB). */
export const MAX_BODY_BYTES = 8 * 1024

/** A positive database id in a path or a query: digits only, no sign, no leading zero. */
export const idString = v.pipe(v.string(), v.regex(ID_TEXT), v.transform(Number), v.safeInteger())

/** A positive database id in a JSON body. */
export const idNumber = v.pipe(v.number(), v.safeInteger(), v.minValue(1))

type AnySchema = v.GenericSchema

function fail(issues: readonly v.BaseIssue<unknown>[], lang: Lang, fallback = 'body'): never {
  const path = issues[0]?.path?.[0]?.key
  const field = typeof path === 'string' ? path : fallback
  throw problem(400, 'invalid', invalidField(field)[lang], { field })
}

export function parse<S extends AnySchema>(
  schema: S,
  input: unknown,
  lang: Lang,
  fallback?: string,
): v.InferOutput<S> {
  const result = v.safeParse(schema, input)
  if (!result.success) fail(result.issues, lang, fallback)
  return result.output
}

/** The `:id` path parameter as a database id. */
export function pathId(c: Context, lang: Lang, name = 'id'): number {
  return parse(idString, c.req.param(name), lang, 'id')
}

/** The query string as a flat record; a repeated key is refused rather than guessed at. */
export function query<S extends AnySchema>(c: Context, schema: S, lang: Lang): v.InferOutput<S> {
  const record: Record<string, string> = {}
  for (const [key, value] of new URL(c.req.url).searchParams) {
    if (key in record) throw problem(400, 'invalid', invalidField(key)[lang], { field: key })
    record[key] = value
  }
  return parse(schema, record, lang)
}

/**
 * The JSON body (an object) against `schema`. An empty body reads as `{}` when
 * `emptyIsObject` (calls whose every field is optional); anything else is refused.
 */
export async function jsonBody<S extends AnySchema>(
  c: Context,
  schema: S,
  lang: Lang,
  { emptyIsObject = false } = {},
): Promise<v.InferOutput<S>> {
  const text = await c.req.text()
  if (text.length > MAX_BODY_BYTES)
    throw problem(400, 'invalid', invalidField('body')[lang], { field: 'body' })
  if (text.trim() === '' && emptyIsObject) return parse(schema, {}, lang)
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw problem(400, 'invalid', WORDS.invalidJson[lang], { field: 'body' })
  }
  // Every body is a JSON object; valibot would take an array for one and blame a field.
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw problem(400, 'invalid', invalidField('body')[lang], { field: 'body' })
  return parse(schema, data, lang)
}

/** A call that takes no body: anything sent is refused, so a client bug shows at once. */
export async function noBody(c: Context, lang: Lang): Promise<void> {
  const text = await c.req.text()
  if (text.trim() !== '' && text.trim() !== '{}')
    throw problem(400, 'invalid', invalidField('body')[lang], { field: 'body' })
}
