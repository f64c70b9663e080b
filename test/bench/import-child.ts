/**
 * One measured import for `npm run bench:import`, in a process of its own so its peak RSS is
 * the import's alone: imports argv[2] into a new SQLite file argv[3] and prints one JSON line
 * with the summary, seconds, peak RSS and RSS sampled at every tenth of the file.
 */
import { catalogueKind } from '../../db/import/catalogue.ts'
import { runImport } from '../../db/import/run.ts'
import { migrate, openSqlite } from '../../db/sqlite.ts'

const [file, dbPath] = process.argv.slice(2) as [string, string]
const db = openSqlite(dbPath)
migrate(db)
const samples: number[] = []
const sampler = setInterval(() => samples.push(process.memoryUsage().rss), 1000)
const started = performance.now()
const summary = await runImport(db, catalogueKind, file)
const secs = (performance.now() - started) / 1000
clearInterval(sampler)
db.close()
const tenth = (i: number) =>
  samples[Math.min(samples.length - 1, Math.floor((samples.length * i) / 10))] ?? 0
console.log(
  JSON.stringify({
    summary,
    secs,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    rssMbAtTenths: [1, 3, 5, 7, 9].map((i) => Math.round(tenth(i) / 2 ** 20)),
  }),
)
