/**
 * `npm run bench:import [-- --records 100000,1000000] [--record]`: generated MARC21 records
 * (ISO 2709, written with marcjs) imported into a new SQLite file by the real
 * catalogue import, each size in a child process: records per second and peak RSS, with RSS
 * sampled through the run to show memory does not grow with the file. `--record` writes the
 * table into test/bench/RESULTS.md. A measurement, never a test.
 */
import { execFileSync } from 'node:child_process'
import {
  createWriteStream,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { Marc } from 'marcjs'
import { replaceSection } from './results-file.ts'

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '100000,1000000' },
    record: { type: 'boolean', default: false },
  },
})
const sizes = values.records.split(',').map(Number)
const dir = mkdtempSync(join(tmpdir(), 'bunko-bench-import-'))
const WORDS = ['図書館', '歴史', '京都', '猫', '料理', '旅', '川', '夜', '物語', '科学', '庭', '海']
const KANA = [
  'トショカン',
  'レキシ',
  'キョウト',
  'ネコ',
  'リョウリ',
  'タビ',
  'カワ',
  'ヨル',
  'モノガタリ',
  'カガク',
  'ニワ',
  'ウミ',
]

/** One record, written by marcjs's ISO 2709 formatter (fast enough to write a million). */
function record(i: number): string {
  const a = i % 12
  const b = (i * 7) % 12
  return Marc.format(
    {
      leader: `00000n${i % 50 === 0 ? 'j' : 'a'}m a2200000 i 4500`,
      fields: [
        ['001', `B${i}`],
        ['020', '  ', 'a', `97840000${String(i % 10000).padStart(4, '0')}0`],
        ['100', '1 ', '6', '880-01', 'a', `著者 ${i % 5000}`],
        ['245', '10', '6', '880-02', 'a', `${WORDS[a]}と${WORDS[b]}の本 第${i}号`],
        ['264', ' 1', 'b', `出版社${i % 300}`, 'c', String(1950 + (i % 75))],
        ['880', '1 ', '6', '100-01', 'a', `チョシャ ${i % 5000}`],
        ['880', '10', '6', '245-02', 'a', `${KANA[a]}ト${KANA[b]}ノホン`],
      ],
    },
    'iso2709',
  )
}

async function generate(n: number): Promise<string> {
  const path = join(dir, `records-${n}.mrc`)
  const out = createWriteStream(path)
  for (let i = 1; i <= n; i++)
    if (!out.write(record(i))) await new Promise<void>((r) => out.once('drain', () => r()))
  await new Promise<void>((r) => out.end(() => r()))
  return path
}

interface Result {
  n: number
  mb: number
  secs: number
  rate: number
  maxRssMb: number
  rssMbAtTenths: number[]
}

const results: Result[] = []
const loadStart = loadavg()[0]!.toFixed(1)
for (const n of sizes) {
  const file = await generate(n)
  const mb = statSync(file).size / 2 ** 20
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', 'test/bench/import-child.ts', file, join(dir, `bench-${n}.db`)],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  )
  const r = JSON.parse(out.trim().split('\n').pop()!)
  if (r.summary.added !== n)
    throw new Error(`expected ${n} added, got ${JSON.stringify(r.summary)}`)
  results.push({
    n,
    mb,
    secs: r.secs,
    rate: n / r.secs,
    maxRssMb: r.maxRssMb,
    rssMbAtTenths: r.rssMbAtTenths,
  })
  console.error(
    `${n.toLocaleString('en')} records (${mb.toFixed(0)} MB): ${r.secs.toFixed(1)} s, ${Math.round(n / r.secs)} records/s, peak RSS ${r.maxRssMb.toFixed(0)} MB, RSS through the run ${r.rssMbAtTenths.join(' → ')} MB`,
  )
  rmSync(file)
}
const loadEnd = loadavg()[0]!.toFixed(1)
rmSync(dir, { recursive: true, force: true })

const table = [
  '## Catalogue import (`npm run bench:import`)',
  '',
  `Recorded ${new Date().toISOString().slice(0, 10)}.`,
  '',
  '| MARC records | file MB | seconds | records/s | peak RSS MB | RSS at 10/30/50/70/90% MB |',
  '|---|---|---|---|---|---|',
  ...results.map(
    (r) =>
      `| ${r.n.toLocaleString('en')} | ${r.mb.toFixed(0)} | ${r.secs.toFixed(1)} | ${Math.round(r.rate).toLocaleString('en')} | ${r.maxRssMb.toFixed(0)} | ${r.rssMbAtTenths.join(' / ')} |`,
  ),
  '',
  `Machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length} (load average ${loadStart} at the start, ${loadEnd} at the end), Node ${process.version}`,
  `Command: \`npm run bench:import -- --records ${values.records}${values.record ? ' --record' : ''}\``,
  '',
  'Generated ISO 2709 records (title, reading in 880, author and reading, publisher, year,',
  'ISBN; one in fifty a CD) imported by the real `npm run import -- catalogue` path into a new',
  'SQLite file (WAL, search triggers on), in chunks of 2,000 with a checkpoint each. RSS is sampled',
  'every second in the importing process: flat from the first tenth to the last.',
  '',
].join('\n')
console.log(table)
if (values.record) {
  const path = 'test/bench/RESULTS.md'
  writeFileSync(path, replaceSection(readFileSync(path, 'utf8'), '## Catalogue import', table))
}
