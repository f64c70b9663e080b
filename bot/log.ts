/**
 * Structured logs as one JSON line each. Callers pass event names and ids, never patron
 * data (names, numbers, titles, message text): logs leave the library's control.
 */
export type LogFields = Record<string, string | number | boolean | null | undefined>

export interface Log {
  info(event: string, fields?: LogFields): void
  warn(event: string, fields?: LogFields): void
  error(event: string, fields?: LogFields): void
}

export function consoleLog(clock: () => number = Date.now): Log {
  const line = (level: string, event: string, fields?: LogFields) =>
    JSON.stringify({ at: new Date(clock()).toISOString(), level, event, ...fields })
  return {
    info: (e, f) => console.log(line('info', e, f)),
    warn: (e, f) => console.warn(line('warn', e, f)),
    error: (e, f) => console.error(line('error', e, f)),
  }
}

/** A log that keeps its lines, for tests that check what was (and was not) logged. */
export function memoryLog(): Log & { lines: string[] } {
  const lines: string[] = []
  const push = (level: string) => (event: string, fields?: LogFields) =>
    lines.push(JSON.stringify({ level, event, ...fields }))
  return { lines, info: push('info'), warn: push('warn'), error: push('error') }
}

/** What to log of an error: its class name only, since messages can carry query data. */
export function errorName(err: unknown): string {
  return err instanceof Error ? err.name : typeof err
}
