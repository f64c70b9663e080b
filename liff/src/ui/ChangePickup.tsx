/** @jsxImportSource preact */
/** Change a waiting hold's pickup place (HOLD-CHANGE): the list of places, then save. */
import { useState } from 'preact/hooks'
import type { Hold, LibrariesResponse } from '../../api-types.ts'
import { useApi } from '../hooks.ts'
import { t } from '../i18n/index.ts'
import { ErrorNote, Loading } from './common.tsx'
import { PlaceSelect } from './PlaceSelect.tsx'

export function ChangePickup(props: {
  hold: Hold
  busy: boolean
  onSave: (id: number) => void
  onCancel: () => void
}) {
  const places = useApi<LibrariesResponse>('/api/libraries')
  const [value, setValue] = useState<number>(props.hold.pickupPlace.id)
  return (
    <form
      class="change"
      aria-label={t.holds.change}
      onSubmit={(e) => {
        e.preventDefault()
        props.onSave(value)
      }}
    >
      {places.error && <ErrorNote error={places.error} retry={places.reload} />}
      {places.loading && <Loading />}
      {places.data && (
        <PlaceSelect
          places={places.data.places}
          value={value}
          name={`pickup-${props.hold.id}`}
          onChange={setValue}
        />
      )}
      <div class="actions">
        <button type="submit" disabled={props.busy || value === props.hold.pickupPlace.id}>
          {t.holds.changeSave}
        </button>
        <button type="button" class="secondary" onClick={props.onCancel}>
          {t.cancel}
        </button>
      </div>
    </form>
  )
}
