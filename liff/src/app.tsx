/** @jsxImportSource preact */
/**
 * The app shell: header, the page for the route, the bottom menu. A 401/403 from the API
 * replaces the page with what to do (link the account, reopen), and forgets the cached card.
 */
import { Fragment } from 'preact'
import { useEffect, useLayoutEffect, useState } from 'preact/hooks'
import type { Lang, LiffConfig } from '../api-types.ts'
import { type ApiFailure, firstCallsAnswered, onAuthFailure } from './api.ts'
import { inlineConfig } from './config.ts'
import { useCart } from './hooks.ts'
import { setLang, t } from './i18n/index.ts'
import { langFrom } from './i18n/lang.ts'
import { LoansPage } from './pages/Loans.tsx'
// Every other page is its own chunk: the card and 貸出・予約 (also opened straight from the
// rich menu) are in the entry.
import {
  CartPage,
  ConfirmPage,
  DonePage,
  FavouritesPage,
  HoldsPage,
  IsbnPage,
  PickupPage,
  PortalPage,
  SearchPage,
  SettingsPage,
  ShelfPage,
  TitlePage,
} from './pages/lazy.tsx'
import { currentRoute, href, type Route } from './router.ts'
import type { Session } from './session.ts'
import { type CardData, cachedCard, forgetAll, forgetCard, syncCart } from './store.ts'
import { CardWithFamily } from './ui/FamilyCards.tsx'
import { FamilySections } from './ui/FamilySections.tsx'
import { Gate } from './ui/Gate.tsx'

export interface AppProps {
  cached: CardData | null
  session: Promise<Session>
  /** config.json: names the library in the header on a first open, before any patron data. */
  config?: Promise<LiffConfig>
}

export function App({ cached: kept, session, config }: AppProps) {
  // Dropped when LIFF says another LINE user is signed in (store.ts adoptOwner).
  const [cached, setCached] = useState(kept)
  // The page's inline config names the library at once: without it the header read 「図書館」
  // for a moment on a first open before the config's promise settled.
  const [configured, setConfigured] = useState<LiffConfig['libraryName'] | null>(
    () => inlineConfig()?.libraryName ?? null,
  )
  useEffect(() => {
    config?.then(
      (c) => setConfigured(c.libraryName ?? null),
      () => {},
    )
  }, [config])
  const [route, setRoute] = useState(currentRoute)
  const [startHash] = useState(() => location.hash)
  const [, setLangState] = useState<Lang>(t.date as Lang)
  const [gate, setGate] = useState<ApiFailure | 'unlinked' | null>(null)
  const [liff, setLiff] = useState<Session | null>(null)
  // Listening from the first commit, not after the first paint (useEffect): an address change
  // in between (a quick tap, a test moving on) was otherwise missed and the old page stayed.
  // Read once more on listening, for a change before the commit.
  useLayoutEffect(() => {
    const onHash = () => setRoute(currentRoute())
    addEventListener('hashchange', onHash)
    if (location.hash !== startHash) onHash()
    return () => removeEventListener('hashchange', onHash)
  }, [])
  useEffect(() => {
    session.then(
      (s) => {
        const lang = langFrom(s.language)
        // Drawn again in that language once its dictionary is in (English: its own chunk).
        setLang(lang).then(
          () => setLangState(lang),
          () => {},
        )
        setLiff(s)
        if (!cachedCard()) setCached(null)
        // The cart is kept on the server: take its current state (another phone may have
        // changed it). A failure leaves the copy on this phone, and the pages say why. After
        // the page's first calls are answered: on a slow link it would share it with /api/me.
        firstCallsAnswered()
          .then(syncCart)
          .catch(() => {})
      },
      () => {},
    )
  }, [session])
  useEffect(() => {
    onAuthFailure((e) => {
      // ACC-FAMILY: the access rules refused this card, and the account links others: they
      // stay usable and each page says why about this one; its kept card is not drawn again.
      if (e.body.otherCards) {
        forgetCard()
        return setCached(null)
      }
      if (e.status === 403) forgetAll()
      setGate(e)
    })
    return () => onAuthFailure(null)
  }, [])
  return (
    <>
      <header class="top">
        <p class="brand">
          {cachedCard()?.libraryName ??
            cached?.libraryName ??
            configured?.[t.date as Lang] ??
            t.appName}
        </p>
      </header>
      <main id="main" key={`${t.date}${location.hash}`}>
        {gate ? (
          <Gate gate={gate} session={liff} />
        ) : (
          <Page
            key={cached ? 'cached' : 'none'}
            route={route}
            cached={cached}
            onUnlinked={() => setGate('unlinked')}
          />
        )}
      </main>
      {!gate && <Menu current={route.name} />}
    </>
  )
}

function Page(props: { route: Route; cached: CardData | null; onUnlinked: () => void }) {
  const { route } = props
  switch (route.name) {
    case 'card':
      return <CardWithFamily cached={props.cached} />
    case 'portal':
      return <PortalPage />
    case 'loans':
      return <FamilySections title={t.loans.title}>{() => <LoansPage />}</FamilySections>
    case 'holds':
      return <FamilySections title={t.holds.title}>{() => <HoldsPage />}</FamilySections>
    case 'search':
      return <SearchPage route={route} />
    case 'title':
      return <TitlePage id={route.id ?? ''} />
    case 'cart':
      return <CartPage />
    case 'pickup':
      return <PickupPage />
    case 'confirm':
      return <ConfirmPage />
    case 'done':
      return <DonePage />
    case 'favourites':
      return <FavouritesPage />
    case 'shelf':
      return <ShelfPage />
    case 'settings':
      return (
        <FamilySections title={t.settings.title}>
          {() => <SettingsPage onUnlinked={props.onUnlinked} />}
        </FamilySections>
      )
    case 'isbn':
      return <IsbnPage code={route.id ?? ''} />
  }
}

function Menu({ current }: { current: Route['name'] }) {
  const n = useCart().length
  const items = ['card', 'portal', 'search', 'cart'] as const
  return (
    <nav class="menu-bar" aria-label={t.nav.label}>
      <ul>
        {items.map((name) => (
          <li key={name}>
            <a href={href(name)} aria-current={current === name ? 'page' : undefined}>
              <span>
                {t.nav.bar[name].map((phrase, i) => (
                  <Fragment key={phrase}>
                    {i > 0 && <wbr />}
                    {phrase}
                  </Fragment>
                ))}
              </span>
              {/* The count as a badge, so the label keeps one line; read as 「（2点）」. */}
              {name === 'cart' && n > 0 && (
                <>
                  <span class="count" aria-hidden="true">
                    {n}
                  </span>
                  <span class="sr-only">{t.nav.cart(n).slice(t.nav.cart(0).length)}</span>
                </>
              )}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}
