/**
 * The app's own barcode reader (@zxing/library), for books' EAN-13: from the camera where
 * LINE's code reader is not offered, and from a picture (the simulator's code reader). Loaded
 * only when a scan starts, so the card and the lists never wait for it.
 */
import type { BrowserMultiFormatReader } from '@zxing/library'

async function reader(): Promise<BrowserMultiFormatReader> {
  const z = await import('@zxing/library')
  const hints = new Map<import('@zxing/library').DecodeHintType, unknown>([
    [z.DecodeHintType.POSSIBLE_FORMATS, [z.BarcodeFormat.EAN_13]],
    [z.DecodeHintType.TRY_HARDER, true],
  ])
  return new z.BrowserMultiFormatReader(hints, 300)
}

/** The code in an image (a URL or data URL), or null when none can be read. */
export async function decodeImage(url: string): Promise<string | null> {
  try {
    return (await (await reader()).decodeFromImageUrl(url)).getText()
  } catch {
    return null
  }
}

/**
 * Read from the back camera into `video` until a code is found; `onCode` gets it once. The
 * answer stops the camera; a refusal (no camera, permission denied) rejects.
 */
export async function readFromCamera(
  video: HTMLVideoElement,
  onCode: (code: string) => void,
): Promise<{ stop(): void }> {
  const r = await reader()
  let done = false
  await r.decodeFromConstraints({ video: { facingMode: 'environment' } }, video, (result) => {
    if (!result || done) return
    done = true
    r.reset()
    onCode(result.getText())
  })
  return { stop: () => r.reset() }
}
