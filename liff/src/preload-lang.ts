/**
 * The English dictionary is its own chunk (i18n/index.ts), asked for by the entry once it
 * runs. When the phone speaks English, the page's inline script (early.ts) preloads it as the
 * page is parsed, so an English cold open does not wait one more round trip for its words.
 * The build names the chunk in `<meta name="bunko-en">` (liff/vite.config.ts).
 */
export function preloadEnglish(doc: Document = document): boolean {
  const href = doc.querySelector('meta[name="bunko-en"]')?.getAttribute('content')
  if (!href) return false
  const link = doc.createElement('link')
  link.rel = 'modulepreload'
  link.crossOrigin = ''
  link.href = href
  doc.head.append(link)
  return true
}
