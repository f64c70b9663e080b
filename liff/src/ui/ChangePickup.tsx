/** @jsxImportSource preact */
/**
 * Change a waiting hold's pickup place (HOLD-CHANGE): the list of places, for a set volume
 * whether the whole set moves (the default: a set split by accident is collected piecemeal),
 * then a confirmation naming the new place before anything is saved.
 */
import { useState } from 'preact/hooks'
import type { Hold, LibrariesResponse } from '../../api-types.ts'
import { useApi } from '../hooks.ts'
import { t } from '../i18n/index.ts'
import { Confirm, ErrorNote, Loading } from './common.tsx'
import { PlaceSelect } from './PlaceSelect.tsx'

export function ChangePickup(props: {
  hold: Hold
  busy: boolean
  onSave: (id: number, wholeSet: boolean) => void
  onCancel: () => void
}) {
  const places = useApi<LibrariesResponse>('/api/libraries')
  // 0: none chosen yet, when the library system does not say where the hold is collected.
  const current = props.hold.pickupPlace?.id ?? 0
  const [value, setValue] = useState<number>(current)
  const [whole, setWhole] = useState(props.hold.set !== null)
  const [asking, setAsking] = useState(false)
  const place = places.data?.places.find((p) => p.id === value)
  if (asking && place)
    return (
      <Confirm
        question={t.holds.changeQuote(place.name, whole)}
        yes={t.holds.changeSave}
        busy={props.busy}
        onYes={() => props.onSave(value, whole)}
        onNo={() => setAsking(false)}
      />
    )
  return (
    <form
      class="change"
      aria-label={t.holds.change}
      onSubmit={(e) => {
        e.preventDefault()
        setAsking(true)
      }}
    >
      {places.error && <ErrorNote error={places.error} retry={places.reload} />}
      {places.loading && <Loading />}
      {props.hold.set && (
        <fieldset class="places">
          <legend>{t.holds.changeWhich}</legend>
          {[true, false].map((w) => (
            <label key={String(w)} class="choice">
              <input
                type="radio"
                name={`whole-${props.hold.id}`}
                checked={whole === w}
                onChange={() => setWhole(w)}
              />
              <span>{w ? t.holds.changeWhole : t.holds.changeOne}</span>
            </label>
          ))}
        </fieldset>
      )}
      {places.data && (
        <PlaceSelect
          places={places.data.places}
          value={value}
          name={`pickup-${props.hold.id}`}
          onChange={setValue}
        />
      )}
      <div class="actions">
        <button type="submit" disabled={props.busy || value === current || value === 0}>
          {t.holds.changeSave}
        </button>
        <button type="button" class="secondary" onClick={props.onCancel}>
          {t.cancel}
        </button>
      </div>
    </form>
  )
}
