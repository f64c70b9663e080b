/** @jsxImportSource preact */
/**
 * HOLD-SUSPEND (休止): pick the last day of the suspension on the phone's own calendar
 * (`<input type="date">`, from today up to the latest day the server allows, at most 90 days).
 * The server decides again; its refusal is shown by the caller.
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import { jstDate } from '../../../core/dates.ts'
import type { Hold } from '../../api-types.ts'
import { date } from '../format.ts'
import { t } from '../i18n/index.ts'

export function SuspendHold(props: {
  hold: Hold
  latest: string
  busy: boolean
  onSave: (until: string) => void
  onCancel: () => void
}) {
  const today = jstDate(Date.now())
  const [until, setUntil] = useState(props.hold.suspend?.until ?? '')
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => input.current?.focus(), [])
  const id = `suspend-${props.hold.id}`
  return (
    <form
      class="change"
      aria-label={t.holds.suspend}
      onSubmit={(e) => {
        e.preventDefault()
        if (until) props.onSave(until)
      }}
    >
      <label for={id}>{t.holds.suspendUntil}</label>
      <input
        id={id}
        ref={input}
        type="date"
        required
        min={today}
        max={props.latest}
        value={until}
        aria-describedby={`${id}-hint`}
        onInput={(e) => setUntil(e.currentTarget.value)}
      />
      <p class="meta" id={`${id}-hint`}>
        {t.holds.suspendHint(date(props.latest))}
      </p>
      <div class="actions">
        <button type="submit" disabled={props.busy || !until}>
          {t.holds.suspendSave}
        </button>
        <button type="button" class="secondary" onClick={props.onCancel}>
          {t.cancel}
        </button>
      </div>
    </form>
  )
}
