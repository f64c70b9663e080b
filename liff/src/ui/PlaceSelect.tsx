/** @jsxImportSource preact */
/**
 * Choosing a pickup place (HOLD-PICKUP): libraries, 分室, 自動車文庫ステーション and lockers,
 * each kind its own group, as radio buttons big enough to tap.
 */
import type { PickupKind, PickupPlace } from '../../api-types.ts'
import { t } from '../i18n/index.ts'

const KINDS: PickupKind[] = ['library', 'branch_room', 'bookmobile', 'locker']

export function PlaceSelect(props: {
  places: PickupPlace[]
  value: number | null
  name: string
  onChange: (id: number) => void
}) {
  return (
    <>
      {KINDS.map((kind) => {
        const group = props.places.filter((p) => p.kind === kind)
        if (!group.length) return null
        return (
          <fieldset key={kind} class="places">
            <legend>{t.pickup.kinds[kind]}</legend>
            {kind === 'locker' && <p class="note">{t.pickup.locker(group[0]!.pickupDays)}</p>}
            {group.map((p) => (
              <label key={p.id} class="choice">
                <input
                  type="radio"
                  name={props.name}
                  value={p.id}
                  checked={props.value === p.id}
                  onChange={() => props.onChange(p.id)}
                />
                <span>
                  {p.name}
                  <span class="sub">{p.hours}</span>
                </span>
              </label>
            ))}
          </fieldset>
        )
      })}
    </>
  )
}
