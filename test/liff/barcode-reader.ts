/**
 * Read a card barcode (Codabar, Code 39 or Code 128) out of a PNG screenshot with a real barcode reader (@zxing/library),
 * the way a counter scanner would: no knowledge of how the app drew it.
 */
import {
  BarcodeFormat,
  BinaryBitmap,
  DecodeHintType,
  HybridBinarizer,
  MultiFormatReader,
  RGBLuminanceSource,
} from '@zxing/library'
import { PNG } from 'pngjs'

/** The decoded text with start/stop characters, e.g. `A2100012345A`. */
export function readCodabar(png: Buffer): string {
  return readCard(png, 'codabar')
}

const FORMATS = {
  codabar: BarcodeFormat.CODABAR,
  code39: BarcodeFormat.CODE_39,
  code128: BarcodeFormat.CODE_128,
} as const

/** The decoded text of a `symbology` barcode (Codabar's with its start/stop characters). */
export function readCard(png: Buffer, symbology: keyof typeof FORMATS): string {
  const format = FORMATS[symbology]
  const image = PNG.sync.read(png)
  const { width, height, data } = image
  const luminance = new Uint8ClampedArray(width * height)
  for (let i = 0; i < width * height; i++) {
    const r = data[i * 4] ?? 0
    const g = data[i * 4 + 1] ?? 0
    const b = data[i * 4 + 2] ?? 0
    luminance[i] = (r * 299 + g * 587 + b * 114) / 1000
  }
  const hints = new Map<DecodeHintType, unknown>([
    [DecodeHintType.POSSIBLE_FORMATS, [format]],
    [DecodeHintType.TRY_HARDER, true],
    [DecodeHintType.RETURN_CODABAR_START_END, true],
  ])
  const bitmap = new BinaryBitmap(
    new HybridBinarizer(new RGBLuminanceSource(luminance, width, height)),
  )
  // decode(image) without hints would reset them; pass them with the image.
  const result = new MultiFormatReader().decode(bitmap, hints)
  if (result.getBarcodeFormat() !== format) throw new Error(`not ${symbology}`)
  return result.getText()
}
