/**
 * A progress bar for long runs. On a terminal it redraws one line; in a log (CI, a pipe) it
 * writes a line every tenth, so the log stays readable.
 */
export interface Bar {
  update: (done: number, total: number) => void
  done: () => void
}

const WIDTH = 30

export function progressBar(stream: NodeJS.WriteStream, unit: string): Bar {
  const started = performance.now()
  let lastTenth = -1
  let drawn = false
  const line = (done: number, total: number) => {
    const f = total > 0 ? done / total : 1
    const filled = Math.round(f * WIDTH)
    const secs = ((performance.now() - started) / 1000).toFixed(1)
    const count = `${done.toLocaleString('en')}/${total.toLocaleString('en')}`
    return `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${Math.floor(f * 100)}% ${count} ${unit} ${secs}s`
  }
  return {
    update(done, total) {
      if (stream.isTTY) {
        stream.write(`\r${line(done, total)}`)
        drawn = true
        return
      }
      const tenth = Math.floor((done / total) * 10)
      if (tenth > lastTenth) {
        lastTenth = tenth
        stream.write(`${line(done, total)}\n`)
      }
    },
    done() {
      if (drawn) stream.write('\n')
      drawn = false
    },
  }
}
