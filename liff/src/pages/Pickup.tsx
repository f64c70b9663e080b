/** @jsxImportSource preact */
/** 受取場所: the guide's step after the cart (HOLD-PICKUP). The last choice is offered again. */
import { useState } from 'preact/hooks'
import type { LibrariesResponse } from '../../api-types.ts'
import { useApi } from '../hooks.ts'
import { t } from '../i18n/index.ts'
import { go } from '../router.ts'
import { lastPickup, savePickup } from '../store.ts'
import { ErrorNote, Loading, Page } from '../ui/common.tsx'
import { PlaceSelect } from '../ui/PlaceSelect.tsx'

export function PickupPage() {
  const places = useApi<LibrariesResponse>('/api/libraries')
  const [value, setValue] = useState<number | null>(lastPickup)
  const [missing, setMissing] = useState(false)
  const known = places.data?.places.some((p) => p.id === value) ? value : null
  return (
    <Page title={t.pickup.title}>
      {places.error && <ErrorNote error={places.error} retry={places.reload} />}
      {places.loading && <Loading />}
      {places.data && (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            if (known === null) return setMissing(true)
            savePickup(known)
            go('confirm')
          }}
        >
          <p>{t.pickup.legend}</p>
          <PlaceSelect
            places={places.data.places}
            value={known}
            name="pickup"
            onChange={setValue}
          />
          {missing && known === null && (
            <p class="error-text" role="alert">
              {t.pickup.choose}
            </p>
          )}
          <button type="submit">{t.pickup.next}</button>
        </form>
      )}
    </Page>
  )
}
