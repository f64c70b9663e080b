/**
 * A sentence for the patron with the library phone numbers in it as `tel:` links, so one tap
 * calls, as in the LINE messages and the LIFF app. The link text is the number as written
 * (its accessible name, read in the sentence that says whom it calls); the href has digits
 * only. The number keeps to one line (`.tel`, bot/pages/layout.tsx).
 */

/** A number as the guide writes it (050-7105-8141, 072-841-1103), never inside a longer one. */
const PHONE = /(?<![\d-])0\d{1,4}-\d{1,4}-\d{3,4}(?![\d-])/g

export function TelText(props: { text: string }) {
  const parts = []
  let from = 0
  for (const m of props.text.matchAll(PHONE)) {
    parts.push(props.text.slice(from, m.index))
    parts.push(
      <a class="tel" href={`tel:${m[0].replace(/\D/g, '')}`}>
        {m[0]}
      </a>,
    )
    from = m.index + m[0].length
  }
  parts.push(props.text.slice(from))
  return <>{parts}</>
}
