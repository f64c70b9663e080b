/** @jsxImportSource preact */
/**
 * The card barcode (NW-7, or Code 39 / Code 128 by policy) as an SVG, black on white with a wide quiet zone, as wide as the screen
 * allows, each module a whole number of device pixels so bar edges stay crisp when scanned.
 */
import { useEffect, useLayoutEffect, useState } from 'preact/hooks'
import type { CardSymbology, CodabarGuard } from '../../api-types.ts'
import { barRuns, cardModules, modulePx, QUIET_MODULES } from '../barcode.ts'

/** The page's side padding (1rem each side) and the widest card worth drawing. */
const SIDE = 32
const MAX = 640

function available(): number {
  return Math.max(200, Math.min(window.innerWidth || 360, MAX) - SIDE)
}

export function Barcode(props: {
  number: string
  start: CodabarGuard
  stop: CodabarGuard
  label: string
  /** Called once the bars are in the document. */
  onDrawn?: () => void
  /** The policy's symbology; a card cached before it was sent is NW-7. */
  symbology?: CardSymbology
}) {
  const [width, setWidth] = useState(available)
  useEffect(() => {
    const onResize = () => setWidth(available())
    addEventListener('resize', onResize)
    return () => removeEventListener('resize', onResize)
  }, [])
  const modules = cardModules(props.number, props)
  const { onDrawn } = props
  useLayoutEffect(() => {
    if (modules) onDrawn?.()
  }, [modules, onDrawn])
  if (!modules) return null
  const total = modules.length + 2 * QUIET_MODULES
  const m = modulePx(width, total, window.devicePixelRatio || 1)
  const w = total * m
  const h = Math.max(96, Math.round(w * 0.3))
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
      {barRuns(modules).map(([x, n]) => (
        <rect key={x} x={x * m} width={n * m} height={h} fill="#000" />
      ))}
    </svg>
  )
}
