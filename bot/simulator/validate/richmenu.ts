/**
 * Rich menu objects and images, per LINE's reference: width 800–2500 px, height ≥250 px,
 * width/height ≥1.45, name ≤300, chatBarText ≤14, ≤20 areas inside the menu; images PNG or
 * JPEG of at most 1 MB whose pixel size equals the menu's size.
 */
import type { ErrorDetail } from '../errors.ts'
import { checkString, isObj, validateAction } from './actions.ts'

export function validateRichMenu(menu: unknown): ErrorDetail[] {
  const errors: ErrorDetail[] = []
  if (!isObj(menu)) return [{ message: 'Must be an object', property: '' }]
  const size = isObj(menu.size) ? menu.size : undefined
  const width = Number(size?.width)
  const height = Number(size?.height)
  if (!size || !Number.isInteger(width) || !Number.isInteger(height)) {
    errors.push({ message: 'Must not be empty', property: 'size' })
  } else {
    if (width < 800 || width > 2500)
      errors.push({ message: 'Must be between 800 and 2500', property: 'size.width' })
    if (height < 250) errors.push({ message: 'Must be 250 or more', property: 'size.height' })
    if (width / height < 1.45)
      errors.push({
        message: 'The aspect ratio (width / height) must be 1.45 or more',
        property: 'size',
      })
  }
  if (typeof menu.selected !== 'boolean')
    errors.push({ message: 'Must be true or false', property: 'selected' })
  checkString(errors, menu.name, 'name', { max: 300, required: true })
  checkString(errors, menu.chatBarText, 'chatBarText', { max: 14, required: true })
  const areas = menu.areas
  if (!Array.isArray(areas) || areas.length > 20) {
    errors.push({ message: 'Size must be between 0 and 20', property: 'areas' })
    return errors
  }
  areas.forEach((area, i) => {
    const p = `areas[${i}]`
    const b = isObj(area) && isObj(area.bounds) ? area.bounds : undefined
    const [x, y, w, h] = [b?.x, b?.y, b?.width, b?.height].map(Number) as [
      number,
      number,
      number,
      number,
    ]
    if (!b || ![x, y, w, h].every(Number.isInteger) || x < 0 || y < 0 || w <= 0 || h <= 0) {
      errors.push({ message: 'Must have integer x, y, width and height', property: `${p}.bounds` })
    } else if (x + w > width || y + h > height) {
      errors.push({ message: 'The area must lie inside the rich menu', property: `${p}.bounds` })
    }
    validateAction(errors, isObj(area) ? area.action : undefined, `${p}.action`, {
      labelRequired: false,
    })
  })
  return errors
}

/** Pixel size of a PNG or JPEG, read from its header; `null` if it is neither. */
export function imageSize(
  bytes: Uint8Array,
): { type: 'image/png' | 'image/jpeg'; width: number; height: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const isPng =
    bytes.length >= 24 &&
    bytes[0] === 0x89 &&
    bytes[1] === 0x50 &&
    bytes[2] === 0x4e &&
    bytes[3] === 0x47
  if (isPng) return { type: 'image/png', width: view.getUint32(16), height: view.getUint32(20) }
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null
  // Walk JPEG segments to the first start-of-frame marker, which holds the size.
  let i = 2
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return null
    const marker = bytes[i + 1]!
    const length = view.getUint16(i + 2)
    const isSof = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)
    if (isSof)
      return { type: 'image/jpeg', height: view.getUint16(i + 5), width: view.getUint16(i + 7) }
    i += 2 + length
  }
  return null
}
