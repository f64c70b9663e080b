/**
 * `npm run demo:front`: front mode on this machine. Two bunkos: the "library system" — an
 * embedded bunko over the demo library (data/demo-ils.db) with its SIP2 server on port 6101
 * and its counter on http://localhost:3001/counter — and, in front of it, a bunko with
 * LIBRARY_SYSTEM=sip2 (data/demo-front.db: its own catalogue copy, links and notices) and the
 * LINE simulator on http://localhost:3000/simulator. Linking, the card, loans, renewals and
 * holds in the simulator go over SIP2 to the first. Ctrl-C stops both.
 */
import { type ChildProcess, spawn } from 'node:child_process'

const ILS_SIP2_PORT = '6101'
const runs: ChildProcess[] = []

function run(name: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/node.ts'], {
    env: { ...process.env, BUNKO_DEMO: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .map((line) => `[${name}] ${line}`)
      .join('\n')
  child.stdout?.on('data', (c: Buffer) => console.log(prefix(c)))
  child.stderr?.on('data', (c: Buffer) => console.error(prefix(c)))
  child.on('exit', (code) => {
    console.log(`[${name}] stopped (${code})`)
    for (const other of runs) if (other !== child) other.kill('SIGTERM')
    process.exitCode = code ?? 0
  })
  runs.push(child)
}

run('ils', {
  PORT: '3001',
  DATABASE_PATH: 'data/demo-ils.db',
  SIP2_LISTEN_PORT: ILS_SIP2_PORT,
})
// The front bunko waits a moment so the library system is listening when it first calls.
setTimeout(
  () =>
    run('front', {
      PORT: '3000',
      DATABASE_PATH: 'data/demo-front.db',
      SIP2_LISTEN_PORT: '0',
      LIBRARY_SYSTEM: 'sip2',
      SIP2_HOST: '127.0.0.1',
      SIP2_PORT: ILS_SIP2_PORT,
      SIP2_USER: 'demo-kiosk',
      SIP2_PASSWORD: 'demo-kiosk-2026',
      SIP2_INSTITUTION: 'hirakata',
    }),
  4000,
)
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    for (const child of runs) child.kill('SIGTERM')
  })
