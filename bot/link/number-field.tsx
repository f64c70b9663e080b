/**
 * The patron-number input of the link and password pages, shaped by the Policy
 * (`patronNumber`): the keypad phones show (digits, or letters too), the longest number, an
 * example as placeholder, and the expected format said before typing.
 */
import { patronNumberFormatText } from '../../core/patron-number.ts'
import type { Policy } from '../../core/policy.ts'
import { Field, type Lang } from '../pages/layout.tsx'

export function PatronNumberField(p: {
  lang: Lang
  label: string
  policy: Policy
  value?: string
  invalid?: boolean
}) {
  const f = p.policy.patronNumber
  return (
    <Field
      name="number"
      label={p.label}
      hint={patronNumberFormatText(p.policy)[p.lang]}
      inputmode={f.keypad === 'numeric' ? 'numeric' : 'text'}
      autocomplete="username"
      // Room for the spaces and hyphens people type between groups; they are dropped.
      maxlength={f.maxLength + 8}
      value={p.value}
      invalid={p.invalid}
      placeholder={f.example}
    />
  )
}
