/**
 * The README promises Node 20+: no package the project installs may demand a newer Node
 * (npm only warns, so a bump that needs Node 24 would slip in unnoticed). Reads the lockfile,
 * so it covers transitive packages too; dev tools that the README names as needing Node 22
 * would have to be listed here with the reason.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const NODE_MAJOR = 20

/** The lowest Node major a `>=` / `^` range admits, or null for forms this check does not read. */
function lowestMajor(range: string): number | null {
  const alternatives = range.split('||').map((r) => r.trim())
  const majors = alternatives.map((r) => /^(?:>=|\^|~)?\s*v?(\d+)/.exec(r)?.[1])
  if (majors.some((m) => m === undefined)) return null
  return Math.min(...majors.map(Number))
}

describe('Node 20 support', () => {
  it('no installed package requires a Node newer than 20 (engines in package-lock.json)', () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
      packages: Record<string, { engines?: { node?: string } | string[]; dev?: boolean }>
    }
    const tooNew = Object.entries(lock.packages).flatMap(([path, p]) => {
      const node = !Array.isArray(p.engines) ? p.engines?.node : undefined
      const major = node ? lowestMajor(node) : null
      return major !== null && major > NODE_MAJOR ? [`${path} wants node ${node}`] : []
    })
    expect(tooNew).toEqual([])
  })
})
