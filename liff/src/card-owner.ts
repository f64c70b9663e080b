/**
 * Whose card the phone keeps (issue 21). The card is drawn from storage before LIFF has said
 * who is signed in, so it is kept with the LINE user it was shown to, and drawn early only
 * when that can only be the same person:
 *  - the simulator names the user in the URL (`simUserId`): it must be the card's owner.
 *    Only in mock mode: a page bunko serves carries its config inline (bot/liff-page.ts), and
 *    one that says it is not mock ignores the name, so a crafted URL in an ordinary browser
 *    draws nothing early. A page without inline config comes from a static server (the dev
 *    and test harnesses), which only ever runs mock LIFF;
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

/** `simulator`: the page runs mock LIFF (see above), the only case the URL may name the user. */
export function mayDrawEarly(
  owner: string | null | undefined,
  search: string,
  userAgent: string,
  simulator: boolean,
): boolean {
  if (!owner) return false
  const named = simulator ? urlUser(search) : null
  if (named !== null) return named === owner
  return /\bLine\//.test(userAgent)
}

/** Whether this page runs mock LIFF, as far as it can tell before the entry (see above). */
export function simulatorPage(config: { mock?: boolean } | null): boolean {
  return config ? config.mock === true : true
}
