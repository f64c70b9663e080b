/**
 * Waiting for another request's work, bounded: on Workers that request may be cancelled with
 * its patron's, and its promise never settle (pool.ts, adapter.ts).
 */

/** How `work` ended within `ms`: its value, its error, or `late`. */
export type Outcome<T> = { value: T } | { error: unknown } | 'late'

export async function within<T>(work: Promise<T>, ms: number): Promise<Outcome<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), Math.max(0, ms))
  })
  try {
    return await Promise.race([
      work.then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      ),
      late,
    ])
  } finally {
    clearTimeout(timer)
  }
}
