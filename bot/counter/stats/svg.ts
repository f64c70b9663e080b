/**
 * Observable Plot drawn on the server: Plot builds its SVG through a DOM, here linkedom's
 * (pure JavaScript; its `worker` build leaves out the optional node-canvas, so the same code
 * runs on Node and Workers). The result is markup: the page needs no script, and the counter's
 * CSP allows none inline anyway.
 */
import type { PlotOptions } from '@observablehq/plot'
import * as Plot from '@observablehq/plot'
import { parseHTML } from 'linkedom/worker'

let shared: Document | undefined
function dom(): Document {
  shared ??= parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document
  return shared
}

/**
 * The chart as SVG markup (inside a figure when it has a legend), its main SVG marked as an
 * image named by `label`; the full numbers are in the table beside it.
 */
export function drawChart(options: PlotOptions, label: string): string {
  const el = Plot.plot({
    ...options,
    document: dom(),
    ariaLabel: label,
    style: { fontSize: '12px', background: 'transparent', overflow: 'visible' },
  }) as unknown as Element
  const svg = el.tagName.toLowerCase() === 'svg' ? el : el.querySelector('svg[aria-label]')
  svg?.setAttribute('role', 'img')
  // Inside an image, Plot's names for its layers ("bar", "x-axis tick") say nothing to anyone.
  for (const named of svg?.querySelectorAll('[aria-label]') ?? [])
    named.removeAttribute('aria-label')
  for (const swatch of el.querySelectorAll('span svg')) swatch.setAttribute('aria-hidden', 'true')
  return el.outerHTML
}

/** A bucket key (`YYYY-MM-DD` or `YYYY-MM`) as a UTC date, so axes read as Japan dates anywhere. */
export function bucketDate(bucket: string): Date {
  const [y, m, d] = bucket.split('-').map(Number)
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1))
}

export { Plot }
