/**
 * What the library's system can do (the port's `capabilities()`, sent in /api/me), so pages
 * hide the buttons it cannot serve (issue 14: front mode over SIP2). Asked once per open and
 * shared by every page; the card's own /api/me answer fills it too. Until it is known the
 * buttons stay hidden; if it cannot be read, everything is offered and the server decides.
 */
import { useEffect, useState } from 'preact/hooks'
import type { LibraryCapabilities, Me } from '../api-types.ts'
import { api } from './api.ts'

const EVERYTHING: LibraryCapabilities = {
  renew: true,
  renewAll: true,
  holds: true,
  cancelHold: true,
  changePickup: true,
  titleHolds: true,
  opacUrl: null,
  suspendHolds: true,
  passwords: true,
  reminders: true,
  expiryNotices: true,
  // A claim, not a button: unknown, the app does not say an e-mail would reach the patron.
  emailNotices: false,
  contact: null,
}

let known: LibraryCapabilities | null = null
let pending: Promise<LibraryCapabilities> | null = null

/** /api/me answered elsewhere (the card page): no second request. */
export function noteCapabilities(me: Pick<Me, 'capabilities'>): void {
  known = me.capabilities
}

function load(): Promise<LibraryCapabilities> {
  if (known) return Promise.resolve(known)
  pending ??= api<Me>('GET', '/api/me').then(
    (me) => {
      known = me.capabilities
      return known
    },
    () => {
      pending = null
      return EVERYTHING
    },
  )
  return pending
}

/** The capabilities, or null while they are being asked for. */
export function useCapabilities(): LibraryCapabilities | null {
  const [caps, setCaps] = useState<LibraryCapabilities | null>(known)
  useEffect(() => {
    if (caps) return
    let live = true
    load().then((c) => live && setCaps(c))
    return () => {
      live = false
    }
  }, [caps])
  return caps
}
