/**
 * The LIFF config (the LIFF id, mock mode, the library's name). bunko's server puts it in the
 * page (`<script type="application/json" id="bunko-config">`, bot/liff-page.ts), so LIFF
 * starts without a round trip for it (issue 21); a page without it (a static server, the
 * browser tests) asks for config.json as the entry starts, not after the LIFF chunk.
 */
import type { LiffConfig } from '../api-types.ts'

/** The config the page carries, or null. */
export function inlineConfig(): LiffConfig | null {
  const text = document.getElementById('bunko-config')?.textContent
  if (!text) return null
  try {
    const c = JSON.parse(text) as LiffConfig
    return typeof c.liffId === 'string' ? c : null
  } catch {
    return null
  }
}

let loaded: LiffConfig | null = null

export async function loadConfig(): Promise<LiffConfig> {
  const inline = inlineConfig()
  if (inline) return inline
  const res = await fetch(`${import.meta.env.BASE_URL}config.json`, { cache: 'no-store' })
  if (!res.ok) throw new Error(`config.json: ${res.status}`)
  loaded = (await res.json()) as LiffConfig
  return loaded
}

/** The config as far as it is known now: the page's, else config.json's once it answered. */
export function knownConfig(): LiffConfig | null {
  return inlineConfig() ?? loaded
}
