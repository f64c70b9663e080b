/** @jsxImportSource preact */
/**
 * スキャン (issue 19 item 6): LINE's code reader, `liff.scanCodeV2()`, where LINE offers it;
 * otherwise the app's own camera reader (@zxing/library) with a field to type the ISBN. The
 * code goes to the ISBN page (`#/isbn/<code>`), which checks it (core's EAN-13 978/979).
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import { liffSession } from '../api.ts'
import { t } from '../i18n/index.ts'
import { go } from '../router.ts'

const found = (code: string) => go(`isbn/${encodeURIComponent(code.trim())}`)

/**
 * `help` false keeps the hint (what can be scanned) for screen readers only: on a page of
 * search results it pushed the first hit below the fold at 150% text (a patron walk).
 */
export function ScanButton({ help = true }: { help?: boolean }) {
  const [camera, setCamera] = useState(false)
  const [note, setNote] = useState<string | null>(null)
  const scan = async () => {
    setNote(null)
    const session = await liffSession()
    if (!session?.scanCodeV2) return setCamera(true)
    try {
      const { value } = await session.scanCodeV2()
      if (value) found(value)
      else setNote(t.scan.notRead)
    } catch {
      setCamera(true)
    }
  }
  return (
    <div class="scan">
      <button type="button" class="secondary" aria-describedby="scan-help" onClick={scan}>
        {t.scan.button}
      </button>
      <p id="scan-help" class={help ? 'meta' : 'sr-only'}>
        {t.scan.buttonHelp}
      </p>
      {note && (
        <p class="warn" role="alert">
          {note}
        </p>
      )}
      {camera && <CameraReader onClose={() => setCamera(false)} />}
    </div>
  )
}

/** The camera fallback: the picture, what to do, and a field for typing the ISBN. */
function CameraReader(props: { onClose: () => void }) {
  const video = useRef<HTMLVideoElement>(null)
  const [failed, setFailed] = useState(false)
  const [typed, setTyped] = useState('')
  useEffect(() => {
    let stop = () => {}
    let gone = false
    import('../barcode-reader.ts')
      .then((m) => m.readFromCamera(video.current!, found))
      .then(
        (c) => {
          if (gone) c.stop()
          else stop = c.stop
        },
        () => setFailed(true),
      )
    return () => {
      gone = true
      stop()
    }
  }, [])
  return (
    <section class="camera" aria-label={t.scan.camera}>
      <p>{failed ? t.scan.cameraFailed : t.scan.cameraHelp}</p>
      {!failed && <video ref={video} muted playsInline aria-label={t.scan.camera} />}
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (typed.trim()) found(typed)
        }}
      >
        <label for="isbn-typed">{t.scan.typeLabel}</label>
        <input
          id="isbn-typed"
          inputMode="numeric"
          autocomplete="off"
          maxLength={17}
          value={typed}
          onInput={(e) => setTyped(e.currentTarget.value)}
        />
        <div class="actions">
          <button type="submit">{t.scan.typeSubmit}</button>
          <button type="button" class="secondary" onClick={props.onClose}>
            {t.scan.close}
          </button>
        </div>
      </form>
    </section>
  )
}
