/**
 * Profiling one stretch of a benchmark in its own process with V8's sampling profiler (the
 * inspector's Profiler, what `node --cpu-prof` uses), so setup and seeding stay out of it.
 */
import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import type { CpuProfile } from './cpu-profile.ts'

export interface Profiling {
  /** Stop, write the profile to `file` when given, and return it. */
  stop(file?: string): Promise<CpuProfile>
}

export async function startProfiling(intervalUs = 500): Promise<Profiling> {
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: intervalUs })
  await session.post('Profiler.start')
  return {
    async stop(file) {
      const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile }
      session.disconnect()
      if (file) writeFileSync(file, JSON.stringify(profile))
      return profile
    },
  }
}
