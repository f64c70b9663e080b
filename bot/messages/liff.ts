/**
 * Where the LIFF app's pages live. A LIFF URL opens the mini-app inside LINE at the page
 * after the LIFF id, so the rich menu and buttons can take a patron straight to their card.
 */

/** Pages of the LIFF app that the bot links to. */
export type LiffPage = 'card' | 'portal' | 'loans' | 'holds' | 'search'

export function liffUrl(liffId: string, page: LiffPage): string {
  if (!/^[\w-]+$/.test(liffId)) throw new RangeError('LIFF id must be letters, digits, - or _')
  return `https://liff.line.me/${liffId}/${page}`
}
