/**
 * Which language LINE speaks, without any dictionary: the page's inline script (early.ts)
 * names it in its first calls' Accept-Language, and must stay small.
 */
import type { Lang } from '../../api-types.ts'

export function langFrom(liffLanguage: string | undefined | null): Lang {
  return liffLanguage?.toLowerCase().startsWith('en') ? 'en' : 'ja'
}
