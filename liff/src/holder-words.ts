/**
 * ACC-FAMILY: the sentences of a page part that speak of the card's holder. For the LINE
 * account's own card they say "you" (the main dictionaries); for another card they name its
 * holder (a review found "you" about a family member's card), and unlinking says that only
 * this card goes when the account links several.
 */
import { useContext } from 'preact/hooks'
import { PatronScope } from './family.ts'
import { ft } from './i18n/family.ts'
import { t } from './i18n/index.ts'

export function useHolderWords() {
  const scope = useContext(PatronScope)
  const holder = scope?.other ? scope.name : null
  const o = ft().other
  const named =
    <A extends unknown[]>(other: (name: string, ...a: A) => string, own: (...a: A) => string) =>
    (...a: A) =>
      holder ? other(holder, ...a) : own(...a)
  const fixed = (other: (name: string) => string, own: string) => (holder ? other(holder) : own)
  return {
    loansEmpty: fixed(o.loansEmpty, t.loans.empty),
    holdsEmpty: fixed(o.holdsEmpty, t.holds.empty),
    cancelQuote: named(o.cancelQuote, t.holds.cancelQuote),
    cancelled: fixed(o.cancelled, t.holds.cancelled),
    suspendedNote: fixed(o.suspendedNote, t.holds.suspendedNote),
    suspendDone: named(o.suspendDone, t.holds.suspendDone),
    resumed: fixed(o.resumed, t.holds.resumed),
    passwordChanged: fixed(o.passwordChanged, t.settings.changed),
    holdReadyLocked: fixed(o.holdReadyLocked, t.noticeSettings.holdReadyLocked),
    /** With several cards linked, unlinking removes only this one (the menu and LINE stay). */
    unlinkHelp: scope ? ft().unlinkOneHelp : t.settings.unlinkHelp,
    /**
     * The unlink question; `holds`: LINE is the only way a ready hold can be told; `email`:
     * the library system e-mails its notices, so a confirmed address would be another way.
     */
    unlinkQuote(holds: boolean, email: boolean): string {
      if (holder) return holds ? o.unlinkQuoteHolds(holder, email) : o.unlinkQuote(holder)
      if (scope) return holds ? ft().unlinkOwnQuoteHolds(email) : ft().unlinkOwnQuote
      return holds ? t.settings.unlinkQuoteHolds(email) : t.settings.unlinkQuote
    },
  }
}
