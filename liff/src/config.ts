/**
 * config.json (the LIFF id, mock mode, the library's name): asked for as the entry starts,
 * not after the LIFF SDK chunk has loaded, so the ID token and the card come a round trip
 * sooner on a slow network (issue 21).
 */
import type { LiffConfig } from '../api-types.ts'

export async function loadConfig(): Promise<LiffConfig> {
  const res = await fetch(`${import.meta.env.BASE_URL}config.json`, { cache: 'no-store' })
  if (!res.ok) throw new Error(`config.json: ${res.status}`)
  return (await res.json()) as LiffConfig
}
