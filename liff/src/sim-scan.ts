/**
 * The simulator's stand-in for `liff.scanCodeV2()` (mock mode only, loaded on demand): ask the
 * try-it page that frames the app to open its code reader (bot/simulator/page/client-scan.ts),
 * and answer as LINE does, `{ value }`. A picked photo is decoded here with the same reader the
 * camera fallback uses, as LINE's reader decodes its camera picture; cancelling gives null.
 */
import { decodeImage } from './barcode-reader.ts'

let next = 1

export function simulatorScan(simulatorOrigin: string): Promise<{ value: string | null }> {
  const id = next++
  return new Promise((resolve) => {
    const onMessage = (e: MessageEvent) => {
      const d = e.data as { type?: string; id?: number; value?: string; image?: string }
      if (e.origin !== simulatorOrigin || d?.type !== 'liff-sim:scanCodeV2:result' || d.id !== id)
        return
      removeEventListener('message', onMessage)
      if (typeof d.value === 'string') resolve({ value: d.value })
      else if (typeof d.image === 'string') decodeImage(d.image).then((value) => resolve({ value }))
      else resolve({ value: null })
    }
    addEventListener('message', onMessage)
    window.parent.postMessage({ type: 'liff-sim:scanCodeV2', id }, simulatorOrigin)
  })
}
