/** @jsxImportSource preact */
/**
 * The card barcode (NW-7, or Code 39 / Code 128 by policy) as an SVG, black on white with a wide quiet zone, as wide as the screen
 * allows, each module a whole number of device pixels so bar edges stay crisp when scanned.
 */
import { useEffect, useLayoutEffect, useState } from 'preact/hooks'
import type { CardSymbology, CodabarGuard } from '../../api-types.ts'
import { cardModules, loadCardEncoder } from '../barcode.ts'
import { availableWidth as available, barGeometry } from '../bars.ts'

export function Barcode(props: {
  number: string
  start: CodabarGuard
  stop: CodabarGuard
  label: string
  /** Called once the bars are in the document. */
  onDrawn?: () => void
  /** The policy's symbology; a card cached before it was sent is NW-7. */
  symbology?: CardSymbology
  /**
   * The kept card's bars (store.ts EarlyPaint), drawn while a Code 39 / Code 128 encoder is
   * still loading, so the first paint's barcode does not vanish when the app takes over.
   */
  kept?: string
}) {
  const [width, setWidth] = useState(available)
  useEffect(() => {
    const onResize = () => setWidth(available())
    addEventListener('resize', onResize)
    return () => removeEventListener('resize', onResize)
  }, [])
  const encoded = cardModules(props.number, props)
  // A Code 39 / Code 128 card: drawn once its encoder's chunk has loaded (the kept bars until
  // then; without them, or if the chunk cannot load, only the digits below show the number).
  const modules = encoded === undefined ? props.kept : encoded
  const [, setLoaded] = useState(false)
  useEffect(() => {
    if (encoded !== undefined) return
    let live = true
    loadCardEncoder(props.symbology).then(
      () => live && setLoaded(true),
      () => {},
    )
    return () => {
      live = false
    }
  }, [encoded, props.symbology])
  const { onDrawn } = props
  useLayoutEffect(() => {
    if (modules) onDrawn?.()
  }, [modules, onDrawn])
  if (!modules) return null
  const { w, h, bars } = barGeometry(modules, width, window.devicePixelRatio || 1)
  return (
    <svg
      class="barcode"
      role="img"
      aria-label={props.label}
      width={w}
      height={h}
      viewBox={`0 0 ${w} ${h}`}
      shape-rendering="crispEdges"
    >
      <rect width={w} height={h} fill="#fff" />
      {bars.map(([x, width]) => (
        <rect key={x} x={x} width={width} height={h} fill="#000" />
      ))}
    </svg>
  )
}
