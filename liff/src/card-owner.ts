/**
 * Whose card the phone keeps (issue 21). The card is drawn from storage before LIFF has said
 * who is signed in, so it is kept with the LINE user it was shown to, and drawn early only
 * when that can only be the same person:
 *  - the simulator names the user in the URL (`simUserId`): it must be the card's owner;
 *  - otherwise only inside LINE's own in-app browser (its user agent says `Line/`): that
 *    browser's storage belongs to the one LINE account signed in to the app on that phone.
 *    An ordinary browser (a shared PC after LINE Login) never draws a card before LIFF has
 *    said who it is.
 * Once LIFF starts, a different user makes the app forget the card at once (store.ts
 * adoptOwner; the user comes from session.ts). Used by the app and by the page's first paint
 * (early.ts), so both decide alike.
 */

/** The user the simulator opened the page for, or null (real LINE never says it in the URL). */
export function urlUser(search: string): string | null {
  const q = new URLSearchParams(search)
  return q.get('simUserId') ?? q.get('simUser')
}

export function mayDrawEarly(
  owner: string | null | undefined,
  search: string,
  userAgent: string,
): boolean {
  if (!owner) return false
  const named = urlUser(search)
  if (named !== null) return named === owner
  return /\bLine\//.test(userAgent)
}
