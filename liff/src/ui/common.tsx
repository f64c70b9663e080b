/** @jsxImportSource preact */
/** Small pieces every page uses: the page heading, loading and error states, confirmations. */
import type { ComponentChildren } from 'preact'
import { useContext, useEffect, useRef } from 'preact/hooks'
import type { Contact } from '../../api-types.ts'
import type { ApiFailure } from '../api.ts'
import { PatronScope } from '../family.ts'
import { telHref } from '../format.ts'
import { ft } from '../i18n/family.ts'
import { t } from '../i18n/index.ts'

let firstPage = true

/**
 * One h1 per page. On every route change after the first, focus moves to it, so a screen
 * reader announces the new page and Tab continues from the top of its content. Inside one
 * person's section of a family page (ACC-FAMILY) the page is a section under an h2 naming
 * the person; the family page around it has the h1.
 */
export function Page(props: {
  title: string
  children?: ComponentChildren
  /**
   * A heading of the page to start at instead of the top (a link to one section): focused as
   * the h1 would be, or on the app's first page only scrolled to.
   */
  focusId?: string
}) {
  const person = useContext(PatronScope)
  const h1 = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (person) return
    const first = firstPage
    firstPage = false
    const target = props.focusId ? document.getElementById(props.focusId) : null
    if (target) {
      target.tabIndex = -1
      if (first) target.scrollIntoView()
      else target.focus()
    } else if (!first) h1.current?.focus()
  }, [])
  useEffect(() => {
    if (!person) document.title = props.title
  }, [props.title])
  if (person) {
    const id = `person-${person.patronId}`
    return (
      <section class="person" aria-labelledby={id}>
        <h2 id={id}>{ft().sectionOf(person.name, props.title)}</h2>
        {props.children}
      </section>
    )
  }
  return (
    <>
      <h1 tabIndex={-1} ref={h1}>
        {props.title}
      </h1>
      {props.children}
    </>
  )
}

export function Loading() {
  return (
    <p class="note" role="status">
      {t.loading}
    </p>
  )
}

export function Tel({ contact }: { contact: Contact }) {
  return (
    <a
      class="button secondary"
      href={telHref(contact.phone)}
      // The name as the words read: the number's box (styles.css .tel-number) would otherwise
      // put a space before it in the accessible name.
      aria-label={`${t.phone(contact.name)}${t.paren[0]}${contact.phone}${t.paren[1]}`}
    >
      {/* One flex item, so the label wraps like text (WCAG 1.4.10). The brackets stay with
          the number (kinsoku); a number too wide for the line breaks only after a hyphen. */}
      <span>
        {t.phone(contact.name)}
        <span class="tel-number">
          {t.paren[0]}
          {contact.phone.split('-').map((part, i) => (
            <>
              {i > 0 && (
                <>
                  -<wbr />
                </>
              )}
              {part}
            </>
          ))}
          {t.paren[1]}
        </span>
      </span>
    </a>
  )
}

/**
 * A failed call in words, with whom to phone when the server names them. `retry` is offered
 * only where asking again may go better (the network, a busy or failing server): a refusal
 * (403, a family card that has lapsed) answers the same however often it is asked.
 */
export function ErrorNote(props: { error: ApiFailure; retry?: () => void }) {
  const { body, status } = props.error
  const retry =
    status === 0 || status === 408 || status === 429 || status >= 500 ? props.retry : undefined
  const text =
    status === 0
      ? body.message || t.networkError
      : status === 401
        ? t.expired
        : body.message || t.serverError
  return (
    <div class="error" role="alert">
      {/* One idea a line, as the server writes it (the outage's sentence, then whom to call). */}
      {text.split('\n').map((line, i) => (
        <p key={i}>{line}</p>
      ))}
      {body.contact && <Tel contact={body.contact} />}
      {retry && (
        <button type="button" class="secondary" onClick={retry}>
          {t.retry}
        </button>
      )}
    </div>
  )
}

/** Polite confirmation of a success, announced by screen readers. */
export function Done({ children }: { children: ComponentChildren }) {
  return (
    <p class="ok" role="status">
      {children}
    </p>
  )
}

/**
 * Ask before doing something that cannot be taken back. The question gets focus, so it is
 * read out and the two answers follow it in Tab order.
 */
export function Confirm(props: {
  question: string
  yes: string
  busy?: boolean
  onYes: () => void
  onNo: () => void
}) {
  const q = useRef<HTMLParagraphElement>(null)
  useEffect(() => q.current?.focus(), [])
  return (
    <div class="confirm">
      <p tabIndex={-1} ref={q}>
        {props.question}
      </p>
      <div class="actions">
        <button type="button" onClick={props.onYes} disabled={props.busy}>
          {props.yes}
        </button>
        <button type="button" class="secondary" onClick={props.onNo}>
          {t.cancel}
        </button>
      </div>
    </div>
  )
}
