/**
 * `npm run db:seed -- --titles N [--db path] [--seed S]`: builds a large library for
 * benchmarks into a new SQLite file, with a progress bar on stderr.
 */
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { writeLargeLibrary } from './large-write.ts'
import { progressBar } from './progress.ts'

const USAGE = 'usage: npm run db:seed -- --titles N [--db path] [--seed S]'

async function main(): Promise<number> {
  let args: ReturnType<typeof parse>
  try {
    args = parse()
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`)
    return 2
  }
  const titles = Number(args.titles)
  const seed = Number(args.seed)
  if (!Number.isInteger(titles) || titles < 1 || titles > 20_000_000) {
    console.error(`--titles must be a whole number from 1 to 20,000,000\n${USAGE}`)
    return 2
  }
  if (!Number.isInteger(seed)) {
    console.error(`--seed must be a whole number\n${USAGE}`)
    return 2
  }
  const path = resolve(args.db ?? `data/bench-${titles}.db`)
  mkdirSync(dirname(path), { recursive: true })
  const bar = progressBar(process.stderr, 'titles')
  const started = performance.now()
  try {
    const n = await writeLargeLibrary(path, { titles, seed, now: Date.now() }, bar.update)
    bar.done()
    const secs = ((performance.now() - started) / 1000).toFixed(1)
    console.error(
      `${path}: ${n.titles} titles, ${n.copies} copies, ${n.patrons} patrons, ${n.loans} loans, ${n.holds} holds in ${secs}s`,
    )
    return 0
  } catch (e) {
    bar.done()
    console.error(`db:seed failed: ${(e as Error).message}`)
    return 1
  }
}

function parse() {
  return parseArgs({
    options: {
      titles: { type: 'string', default: '10000' },
      db: { type: 'string' },
      seed: { type: 'string', default: '1' },
    },
    strict: true,
  }).values
}

process.exitCode = await main()
