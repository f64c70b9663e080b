/** @jsxImportSource preact */
/**
 * A page of one person's things, for a LINE account with family cards (ACC-FAMILY): with one
 * card the page as it is; with several, one section per person (each page's own content,
 * speaking for that card) and a filter to show everyone or one person.
 */
import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import type { FamilyResponse } from '../../api-types.ts'
import { PatronScope } from '../family.ts'
import { useApi } from '../hooks.ts'
import { ft } from '../i18n/family.ts'
import { Page } from './common.tsx'

export function FamilySections(props: { title: string; children: () => ComponentChildren }) {
  const family = useApi<FamilyResponse>('/api/family')
  const [shown, setShown] = useState<number | 'all'>('all')
  const cards = family.data?.cards ?? []
  if (cards.length <= 1) return <>{props.children()}</>
  const words = ft()
  const visible = shown === 'all' ? cards : cards.filter((c) => c.patronId === shown)
  const choice = (value: number | 'all', label: string) => (
    <label class="choice" key={String(value)}>
      <input type="radio" name="whose" checked={shown === value} onChange={() => setShown(value)} />
      <span>{label}</span>
    </label>
  )
  return (
    <Page title={props.title}>
      <fieldset class="whose">
        <legend>{words.whose}</legend>
        {choice('all', words.everyone)}
        {cards.map((c) => choice(c.patronId, words.holder(c.name)))}
      </fieldset>
      {visible.map((c) => (
        <PatronScope.Provider
          key={c.patronId}
          value={{ patronId: c.patronId, name: c.name, other: c.patronId !== cards[0]?.patronId }}
        >
          {props.children()}
        </PatronScope.Provider>
      ))}
    </Page>
  )
}
