/**
 * Demo mode only: the LINE simulator's ID token for the simulated user the LIFF URL names
 * (`simUserId`, or `simUser`). In real LINE the ID token comes with liff.init; the simulator
 * hands it out over HTTP, so the entry asks for it as soon as the config says mock, while the
 * LIFF chunks are still on their way, not one round trip after them (issue 21).
 */
import type { LiffConfig, SimulatorIdToken } from '../api-types.ts'

/** The simulated LINE user the URL names, or null. */
export function simulatorUser(params: URLSearchParams): string | null {
  return params.get('simUserId') ?? params.get('simUser')
}

/** A fresh ID token for `userId` from the simulator at `config`'s origin; null if none. */
export async function simulatorIdToken(
  config: LiffConfig,
  userId: string | null,
): Promise<string | null> {
  if (!userId) return null
  const origin = config.simulatorOrigin ?? location.origin
  const res = await fetch(`${origin}/simulator/api/users/${encodeURIComponent(userId)}/id-token`)
  if (!res.ok) return null
  const text = await res.text()
  return text.trim().startsWith('{') ? (JSON.parse(text) as SimulatorIdToken).idToken : text.trim()
}

/**
 * The first token, asked for at once in mock mode when the URL gives none (`simIdToken`);
 * null otherwise. A failure is null too: the session asks again when a call needs one.
 */
export function firstSimulatorToken(
  config: LiffConfig,
  params: URLSearchParams,
): Promise<string | null> | null {
  if (!config.mock || params.get('simIdToken')) return null
  return simulatorIdToken(config, simulatorUser(params)).catch(() => null)
}
