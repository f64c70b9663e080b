/**
 * Summing a V8 CPU profile (`node --cpu-prof`, or the inspector's Profiler) by function: the
 * functions with the most self time, each with its file and line, for the benchmark results.
 * `tsx test/bench/cpu-profile.ts FILE.cpuprofile [--top 20]` prints the table.
 */
import { readFileSync } from 'node:fs'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount?: number
  children?: number[]
}

export interface CpuProfile {
  nodes: ProfileNode[]
  startTime: number
  endTime: number
  samples?: number[]
  timeDeltas?: number[]
}

export interface SelfTime {
  fn: string
  where: string
  ms: number
  share: number
}

/** Where a frame is: a path inside the repository or a package, or what V8 calls it. */
function whereOf(url: string, line: number): string {
  if (!url) return ''
  const path = url.replace(/^file:\/\//, '')
  const pkg = path.lastIndexOf('/node_modules/')
  const short =
    pkg >= 0
      ? path.slice(pkg + '/node_modules/'.length)
      : path.replace(/^.*?\/(bot|core|db|test|liff)\//, '$1/')
  return `${short}:${line + 1}`
}

/** Time per profile node (ms): a sample's time is the gap to the next one. */
function timePerNode(profile: CpuProfile): Map<number, number> {
  const ms = new Map<number, number>()
  const samples = profile.samples ?? []
  const deltas = profile.timeDeltas ?? []
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i]!
    ms.set(id, (ms.get(id) ?? 0) + (deltas[i + 1] ?? 0) / 1000)
  }
  return ms
}

function parents(profile: CpuProfile): Map<number, ProfileNode> {
  const parent = new Map<number, ProfileNode>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n)
  return parent
}

/**
 * Self time per function (ms), most first; idle and GC kept as V8 names them. A native
 * function (better-sqlite3's `all`, crypto's `run`, a socket's `writev`) has no file: it is
 * named with its caller's, as `native ← caller`, so that `run` from WebCrypto and `run` from
 * SQLite are not one row.
 */
export function selfTimes(profile: CpuProfile): SelfTime[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = parents(profile)
  const ms = timePerNode(profile)
  const total = (profile.endTime - profile.startTime) / 1000
  const byFn = new Map<string, SelfTime>()
  for (const [id, t] of ms) {
    const node = byId.get(id)
    if (!node) continue
    const { functionName, url, lineNumber } = node.callFrame
    const fn = functionName || '(anonymous)'
    const caller = parent.get(id)?.callFrame
    const where =
      url || fn.startsWith('(') || !caller?.url
        ? whereOf(url, lineNumber)
        : `native ← ${whereOf(caller.url, caller.lineNumber)}`
    const key = `${fn}@${where}`
    const row = byFn.get(key) ?? { fn, where, ms: 0, share: 0 }
    row.ms += t
    byFn.set(key, row)
  }
  const rows = [...byFn.values()]
  for (const r of rows) r.share = total > 0 ? r.ms / total : 0
  return rows.sort((a, b) => b.ms - a.ms)
}

/** Self time summed by where the code lives: bunko's own folders, each package, V8 and Node. */
export function selfTimeByArea(rows: readonly SelfTime[]): { area: string; ms: number }[] {
  const areas = new Map<string, number>()
  for (const r of rows) {
    // A native function counts where its caller lives.
    const where = r.where.replace(/^native ← /, '')
    const area = where.startsWith('node:')
      ? 'node internals'
      : where === ''
        ? r.fn
        : /^(bot|core|db|test|liff)\//.test(where)
          ? `bunko ${where.split('/')[0]}/`
          : where.startsWith('@')
            ? where.split('/').slice(0, 2).join('/')
            : where.split('/')[0]!
    areas.set(area, (areas.get(area) ?? 0) + r.ms)
  }
  return [...areas].map(([area, ms]) => ({ area, ms })).sort((a, b) => b.ms - a.ms)
}

/**
 * Total time (self and callees) of bunko's own functions, most first. Only the synchronous
 * part is inside: what runs after an `await` (a socket's answer, a promise's callback) is not
 * on the stack of the function that awaited it.
 */
export function bunkoTotals(profile: CpuProfile): { fn: string; where: string; ms: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = parents(profile)
  const totals = new Map<string, { fn: string; where: string; ms: number }>()
  for (const [id, t] of timePerNode(profile)) {
    const seen = new Set<string>()
    for (let node = byId.get(id); node; node = parent.get(node.id)) {
      const { functionName, url, lineNumber } = node.callFrame
      const where = whereOf(url, lineNumber)
      if (!/^(bot|core|db)\//.test(where)) continue
      const fn = functionName || '(anonymous)'
      const key = `${fn}@${where}`
      if (seen.has(key)) continue
      seen.add(key)
      const row = totals.get(key) ?? { fn, where, ms: 0 }
      row.ms += t
      totals.set(key, row)
    }
  }
  return [...totals.values()].sort((a, b) => b.ms - a.ms)
}

/** A Markdown table of the top `n` functions by self time. */
export function selfTimeTable(profile: CpuProfile, n = 15): string {
  const rows = selfTimes(profile)
  const lines = ['| function | where | self ms | share |', '|---|---|---|---|']
  for (const r of rows.slice(0, n))
    lines.push(
      `| ${r.fn.replace(/\|/g, '\\|')} | ${r.where} | ${r.ms.toFixed(0)} | ${(r.share * 100).toFixed(1)}% |`,
    )
  return lines.join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2]
  if (!file) {
    console.error('usage: tsx test/bench/cpu-profile.ts FILE.cpuprofile [--top 20]')
    process.exit(2)
  }
  const top = Number(process.argv[process.argv.indexOf('--top') + 1]) || 20
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile
  console.log(selfTimeTable(profile, top))
  console.log()
  for (const a of selfTimeByArea(selfTimes(profile)).slice(0, 12))
    console.log(`${a.area.padEnd(28)} ${a.ms.toFixed(0)} ms`)
}
