/**
 * Progress of an import, measured in bytes of the file read (the only total known before the
 * end) and shown with records, rate and time left: a cli-progress bar on a terminal, a plain
 * line every tenth (and at most every 10 s) in a log or pipe.
 */
import { SingleBar } from 'cli-progress'

export interface ImportProgress {
  update(bytes: number, rows: number): void
  stop(): void
}

export function importProgress(
  stream: NodeJS.WriteStream,
  totalBytes: number,
  label: string,
): ImportProgress {
  const started = performance.now()
  const rate = (rows: number) =>
    Math.round(rows / Math.max(0.001, (performance.now() - started) / 1000))
  if (stream.isTTY) {
    const bar = new SingleBar({
      stream,
      format: `${label} [{bar}] {percentage}% | {rows} 件 | {rate}/s | 残り {eta_formatted}`,
      hideCursor: true,
      etaBuffer: 50,
    })
    bar.start(Math.max(1, totalBytes), 0, { rows: 0, rate: 0 })
    return {
      update: (bytes, rows) =>
        bar.update(bytes, { rows: rows.toLocaleString('en'), rate: rate(rows) }),
      stop: () => bar.stop(),
    }
  }
  let lastTenth = -1
  let lastAt = 0
  let shown = -1
  let latest: [number, number] | null = null
  const line = (bytes: number, rows: number) => {
    const f = totalBytes > 0 ? bytes / totalBytes : 1
    const secs = (performance.now() - started) / 1000
    const left = f > 0 ? Math.round((secs / f) * (1 - f)) : 0
    shown = rows
    stream.write(
      `${label}: ${Math.floor(f * 100)}% ${rows.toLocaleString('en')} rows ${rate(rows)}/s ${Math.round(secs)}s, ~${left}s left\n`,
    )
  }
  return {
    update(bytes, rows) {
      latest = [bytes, rows]
      const tenth = Math.floor((totalBytes > 0 ? bytes / totalBytes : 1) * 10)
      const now = performance.now()
      if (tenth <= lastTenth && now - lastAt < 10_000) return
      lastTenth = tenth
      lastAt = now
      line(bytes, rows)
    },
    // The file is read ahead of the rows: its last tenth can be shown before the last rows are.
    stop() {
      if (latest && latest[1] !== shown) line(...latest)
    },
  }
}
