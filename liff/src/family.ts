/**
 * Family cards (ACC-FAMILY) in the app: which card a part of a page speaks for. A section
 * for one person wraps its page in `PatronScope`; `useApi` and the page's actions then name
 * that card in `X-Bunko-Patron`, which the bot checks is one of this LINE user's links.
 * Without a scope no header is sent and the bot answers for the account's first card, as
 * for an account with one card.
 */
import { createContext } from 'preact'
import { useContext } from 'preact/hooks'

export const PATRON_HEADER = 'X-Bunko-Patron'

export interface PatronScopeValue {
  patronId: number
  name: string
  /** Not the LINE account's own card (its first): sentences about it name the holder. */
  other?: boolean
}

export const PatronScope = createContext<PatronScopeValue | null>(null)

/** The card this part of the page speaks for; null = the account's only (or first) card. */
export function usePatron(): number | null {
  return useContext(PatronScope)?.patronId ?? null
}

/**
 * The holder's name when this part of the page is about a card other than the LINE account's
 * own, so its sentences say 「加藤 亮さんの…」 / "加藤 亮's…" rather than "you"; else null.
 */
export function useHolder(): string | null {
  const scope = useContext(PatronScope)
  return scope?.other ? scope.name : null
}

/** The request header naming `patron`, when there is one. */
export function patronHeader(patron: number | null | undefined): Record<string, string> {
  return patron == null ? {} : { [PATRON_HEADER]: String(patron) }
}

/**
 * An element id (or radio group name) unique to this person's section: with several cards the
 * same settings are drawn once per card, and two groups named alike would share one choice.
 */
export function sectionId(name: string, patron: number | null): string {
  return patron === null ? name : `${name}-${patron}`
}
