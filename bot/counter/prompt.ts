/**
 * Questions on the terminal for the account commands (staff:add, kiosk:add): from a terminal a
 * hidden answer (a password) is read without echo; from a pipe the answers are read one a
 * line, so provisioning scripts can feed them. Prompts go to stderr, never stdout.
 */
import { createInterface } from 'node:readline'
import { Writable } from 'node:stream'

export interface Prompter {
  /** True when a person is typing (then a password is asked twice). */
  tty: boolean
  /** Runs a command's main, then closes the input and sets the exit code (1 on a throw). */
  run(main: () => Promise<number>): void
  /** One answer; `hidden` answers are not echoed and not trimmed. Throws at end of input. */
  ask(prompt: string, hidden?: boolean): Promise<string>
  close(): void
}

/** `missing` is the sentence for input that ends early (what lines the command needs). */
export function prompter(missing: string): Prompter {
  const tty = Boolean(process.stdin.isTTY)
  let muted = false
  const echo = new Writable({
    write(chunk, _enc, done) {
      if (!muted) process.stderr.write(chunk)
      done()
    },
  })
  const rl = createInterface({ input: process.stdin, output: echo, terminal: tty })
  const lines = rl[Symbol.asyncIterator]()
  return {
    tty,
    async ask(prompt, hidden = false) {
      if (tty) process.stderr.write(prompt)
      muted = hidden
      const next = await lines.next()
      muted = false
      if (tty && hidden) process.stderr.write('\n')
      if (next.done) throw new Error(missing)
      return hidden ? next.value : next.value.trim()
    },
    close: () => rl.close(),
    run(main) {
      main()
        .then((code) => {
          process.exitCode = code
        })
        .catch((err: unknown) => {
          console.error(err instanceof Error ? err.message : String(err))
          process.exitCode = 1
        })
        .finally(() => rl.close())
    },
  }
}
