/**
 * `npm run import -- <kind> <file> [--dry-run] [--sync] [--encoding utf-8|shift_jis]
 * [--map mapping.json] [--d1 <binding> [--remote]]`
 *
 * Loads a library's own export into bunko: into the SQLite file at DATABASE_PATH (default
 * data/bunko.db, migrated first), or into D1 through wrangler with `--d1`. Refused rows are
 * listed on stderr as they are found; the run ends with a summary table. Exit code 0 when
 * every row loaded, 1 when some were refused (the rest are in), 2 when the file or the
 * arguments were refused and nothing changed. Run it again after an interruption: it carries
 * on where it stopped.
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { compactSearchIndexes } from '../search-compact.ts'
import { type Encoding, FileRefused } from './csv-read.ts'
import { KINDS } from './kinds.ts'
import { marcMapWith } from './marc-map.ts'
import { rejectionLine, summaryTable } from './rejections.ts'
import { runImport } from './run.ts'
import { openTarget } from './target.ts'

const USAGE = `usage: npm run import -- <${Object.keys(KINDS).join('|')}> <file> [--dry-run] [--sync]
       [--encoding utf-8|shift_jis] [--map mapping.json] [--d1 <binding> [--remote]]`

async function main(): Promise<number> {
  let args: ReturnType<typeof parse>
  try {
    args = parse()
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`)
    return 2
  }
  const [kindName, path] = args.positionals
  const kind = kindName ? KINDS[kindName] : undefined
  if (!kind || !path) {
    console.error(USAGE)
    return 2
  }
  const encoding = args.values.encoding as Encoding
  if (!['utf-8', 'shift_jis'].includes(encoding)) {
    console.error(
      `--encoding は utf-8 か shift_jis です / --encoding must be utf-8 or shift_jis\n${USAGE}`,
    )
    return 2
  }
  let map: ReturnType<typeof marcMapWith> | undefined
  try {
    if (args.values.map) map = marcMapWith(JSON.parse(readFileSync(args.values.map, 'utf8')))
  } catch (e) {
    console.error(`--map: ${(e as Error).message}`)
    return 2
  }
  const target = await openTarget(args.values.d1, args.values.remote ?? false)
  try {
    const summary = await runImport(target.db, kind, path, {
      dryRun: args.values['dry-run'],
      sync: args.values.sync,
      encoding,
      map,
      progress: process.stderr,
      onRejection: (r, unit) => console.error(rejectionLine(r, unit)),
    })
    console.log(summaryTable(summary))
    // Each chunk went into the search indexes as its own segment: merge them so searches seek
    // one (db/search-compact.ts). On D1 'optimize' is one statement over the whole index, too
    // long for a remote call at a large library's size, so there FTS5's automerge does it.
    if (kindName === 'catalogue' && !args.values['dry-run'] && target.db.driver === 'sqlite')
      await compactSearchIndexes(target.db)
    return summary.rejected > 0 ? 1 : 0
  } catch (e) {
    if (e instanceof FileRefused) {
      console.error(
        `${path}: ${e.ja}\n${path}: ${e.en}\n何も変更していません / nothing was changed`,
      )
      return 2
    }
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT') {
      console.error(`${path}: ファイルがありません / no such file`)
      return 2
    }
    throw e
  } finally {
    await target.close()
  }
}

function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      sync: { type: 'boolean', default: false },
      encoding: { type: 'string', default: 'utf-8' },
      map: { type: 'string' },
      d1: { type: 'string' },
      remote: { type: 'boolean', default: false },
    },
    strict: true,
  })
}

process.exitCode = await main()
