/**
 * The scale of a count axis. Counts are whole numbers, so its ticks are too; and a series
 * that is all zero still gets a 0–1 axis: left to Plot, its empty [0, 0] domain fills every
 * bar to full height and labels the one tick 「0.000000」.
 */

/** Whole-number ticks, about five of them: 1 up to 5, then 2, 5, 10, 20, 50… */
function tickStep(max: number): number {
  if (max <= 5) return 1
  const rough = max / 5
  const power = 10 ** Math.floor(Math.log10(rough))
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power
}

/** Plot scale options for counts up to `max` (the tallest bar or stack, or the highest point). */
export function countScale(max: number, label: string) {
  const step = tickStep(max)
  const top = Math.max(step, Math.ceil(max / step) * step)
  const ticks: number[] = []
  for (let t = 0; t <= top; t += step) ticks.push(t)
  return { grid: true, label, domain: [0, top], ticks, tickFormat: ',d' }
}

/** The tallest stack: `n` added up per `key` (a bar's place on the axis and its facet). */
export function tallest<T>(rows: readonly T[], key: (r: T) => string, n: (r: T) => number) {
  const sums = new Map<string, number>()
  for (const r of rows) sums.set(key(r), (sums.get(key(r)) ?? 0) + n(r))
  return Math.max(0, ...sums.values())
}
