/**
 * `npm run kiosk:add [-- --reset]`: create a self-check kiosk's SIP2 account in the SQLite
 * database at DATABASE_PATH (default data/bunko.db), migrating it first. Asks for the login,
 * the institution id the kiosk sends (AO), the library it stands in, and the password; from
 * a terminal the password is read without echo and asked twice, from a pipe the four answers
 * are read one a line. `--reset` replaces an existing kiosk's password and binding. The
 * password is stored hashed like staff passwords (db/password.ts), never shown.
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { createInterface } from 'node:readline'
import { Writable } from 'node:stream'
import { migrate, openSqlite } from '../../db/sqlite.ts'
import { STAFF_PASSWORD_MIN } from '../counter/staff.ts'
import { addKiosk } from './server/kiosks.ts'

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

async function ask(prompt: string, hidden = false): Promise<string> {
  if (tty) process.stderr.write(prompt)
  muted = hidden
  const next = await lines.next()
  muted = false
  if (tty && hidden) process.stderr.write('\n')
  if (next.done)
    throw new Error(
      '入力が途中で終わりました（ログインID・機関ID・設置館・パスワードの4行が必要です）。',
    )
  return hidden ? next.value : next.value.trim()
}

async function main(): Promise<number> {
  const reset = process.argv.includes('--reset')
  const path = process.env.DATABASE_PATH || 'data/bunko.db'
  const login = await ask('自動貸出機のログインID（SIP2 の CN）: ')
  const institutionId = await ask('機関ID（SIP2 の AO、例 hirakata）: ')
  const placeName = await ask('設置する図書館（例 中央図書館）: ')
  const password = await ask(`パスワード（${STAFF_PASSWORD_MIN}文字以上）: `, true)
  if (tty && (await ask('パスワード（確認）: ', true)) !== password) {
    console.error('確認用のパスワードが一致しません。何も登録していません。')
    return 1
  }
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const db = openSqlite(path)
  try {
    migrate(db)
    const result = await addKiosk(db, { login, password, institutionId, placeName }, Date.now(), {
      reset,
    })
    if (!result.ok) {
      console.error(`${result.message.ja} 何も登録していません。`)
      return 1
    }
    const { kiosk, created } = result.value
    console.error(
      `自動貸出機「${kiosk.login}」（機関ID ${kiosk.institutionId}、${kiosk.placeName}）を${created ? '登録しました' : '再設定しました'}。`,
    )
    return 0
  } finally {
    db.close()
  }
}

main()
  .then((code) => {
    rl.close()
    process.exitCode = code
  })
  .catch((err: unknown) => {
    rl.close()
    console.error(err instanceof Error ? err.message : String(err))
    process.exitCode = 1
  })
