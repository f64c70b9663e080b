/**
 * Control characters (C0, DEL, C1) have no place in anything a patron or librarian types:
 * no form here has a multi-line field, and a NUL reaching SQLite's FTS5 is an error there.
 * So every place input arrives refuses them up front with 400 and a clear sentence, before
 * any handler or query sees the value, and nothing is logged as an error.
 */
import type { Context, MiddlewareHandler } from 'hono'

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/

export function hasControlCharacter(value: string): boolean {
  return CONTROL.test(value)
}

/** The sentence for a refused input (the field is named by the caller's own answer). */
export const CONTROL_CHARACTER_MESSAGE = {
  ja: '入力に使えない文字（制御文字）が含まれています。入力し直してください。',
  en: 'The input contains characters that cannot be used (control characters). Please enter it again.',
} as const

/**
 * The name of the first field holding a control character, or null: the path, every query
 * parameter (name and value), and the body read as a form (urlencoded or multipart) or as
 * JSON (every key and string, at any depth); any other body is checked as text.
 */
export async function controlCharacterField(c: Context): Promise<string | null> {
  const url = new URL(c.req.url)
  if (hasControlCharacter(safeDecode(url.pathname))) return 'path'
  for (const [key, value] of url.searchParams)
    if (hasControlCharacter(key) || hasControlCharacter(value)) return key
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return null
  const type = c.req.header('content-type') ?? ''
  if (type.startsWith('multipart/form-data')) {
    const form = await c.req.parseBody({ all: true })
    for (const [key, value] of Object.entries(form))
      for (const v of Array.isArray(value) ? value : [value])
        if (hasControlCharacter(key) || (typeof v === 'string' && hasControlCharacter(v)))
          return key
    return null
  }
  // Read through Hono's body cache, so the route's own parseBody() or text() still works.
  const text = new TextDecoder().decode(await c.req.arrayBuffer())
  if (text === '') return null
  if (type.startsWith('application/x-www-form-urlencoded')) {
    for (const [key, value] of new URLSearchParams(text))
      if (hasControlCharacter(key) || hasControlCharacter(value)) return key
    return null
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return hasControlCharacter(text.replace(/[\t\n\r]/g, '')) ? 'body' : null
  }
  return jsonField(json, 'body')
}

function jsonField(value: unknown, field: string): string | null {
  if (typeof value === 'string') return hasControlCharacter(value) ? field : null
  if (typeof value !== 'object' || value === null) return null
  for (const [key, inner] of Object.entries(value)) {
    if (hasControlCharacter(key)) return field
    const found = jsonField(inner, Array.isArray(value) ? field : key)
    if (found) return found
  }
  return null
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}

/** Middleware: `refuse` answers (400) when any input holds a control character. */
export function refuseControlCharacters(
  refuse: (c: Context, field: string) => Response | Promise<Response>,
): MiddlewareHandler {
  return async (c, next) => {
    const field = await controlCharacterField(c)
    if (field !== null) return refuse(c, field)
    await next()
  }
}
