/**
 * Action objects (buttons, quick replies, rich menu areas), checked against the limits in
 * LINE's Messaging API reference: labels ≤20 characters, postback data ≤300, URIs ≤1000.
 */
import type { ErrorDetail } from '../errors.ts'

export type Obj = Record<string, unknown>

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Length in UTF-16 code units, which is how LINE counts characters in most limits. */
export function checkString(
  errors: ErrorDetail[],
  value: unknown,
  property: string,
  opts: { min?: number; max: number; required?: boolean },
): void {
  if (value === undefined || value === null) {
    if (opts.required) errors.push({ message: 'Must not be empty', property })
    return
  }
  if (typeof value !== 'string') {
    errors.push({ message: 'Must be a string', property })
    return
  }
  const min = opts.min ?? (opts.required ? 1 : 0)
  if (value.length < min || value.length > opts.max)
    errors.push({ message: `Length must be between ${min} and ${opts.max}`, property })
}

const URI_SCHEMES = /^(https?|line|tel):/i

const ACTION_TYPES = [
  'postback',
  'message',
  'uri',
  'datetimepicker',
  'camera',
  'cameraRoll',
  'location',
  'richmenuswitch',
  'clipboard',
] as const

export function validateAction(
  errors: ErrorDetail[],
  action: unknown,
  property: string,
  opts: { labelRequired: boolean },
): void {
  if (!isObj(action)) {
    errors.push({ message: 'Must be an object', property })
    return
  }
  const type = action.type
  if (typeof type !== 'string' || !(ACTION_TYPES as readonly string[]).includes(type)) {
    errors.push({
      message: `Must be one of ${ACTION_TYPES.join(', ')}`,
      property: `${property}.type`,
    })
    return
  }
  const labelRequired = opts.labelRequired && type !== 'richmenuswitch'
  checkString(errors, action.label, `${property}.label`, { max: 20, required: labelRequired })
  switch (type) {
    case 'postback':
      checkString(errors, action.data, `${property}.data`, { max: 300, required: true })
      checkString(errors, action.displayText, `${property}.displayText`, { max: 300 })
      checkString(errors, action.text, `${property}.text`, { max: 300 })
      break
    case 'message':
      checkString(errors, action.text, `${property}.text`, { max: 300, required: true })
      break
    case 'uri':
      checkString(errors, action.uri, `${property}.uri`, { max: 1000, required: true })
      if (typeof action.uri === 'string' && !URI_SCHEMES.test(action.uri))
        errors.push({
          message: 'Must be an http, https, line or tel URI',
          property: `${property}.uri`,
        })
      break
    case 'datetimepicker':
      checkString(errors, action.data, `${property}.data`, { max: 300, required: true })
      if (!['date', 'time', 'datetime'].includes(String(action.mode)))
        errors.push({ message: 'Must be date, time or datetime', property: `${property}.mode` })
      break
    case 'richmenuswitch':
      checkString(errors, action.richMenuAliasId, `${property}.richMenuAliasId`, {
        max: 32,
        required: true,
      })
      checkString(errors, action.data, `${property}.data`, { max: 300, required: true })
      break
    case 'clipboard':
      checkString(errors, action.clipboardText, `${property}.clipboardText`, {
        max: 1000,
        required: true,
      })
      break
  }
}
