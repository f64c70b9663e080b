/**
 * `npm run kiosk:add [-- --reset] [--d1 <binding> [--remote]]`: create a self-check kiosk's
 * SIP2 account in the SQLite database at DATABASE_PATH (default data/bunko.db, migrated
 * first), or with `--d1` in the Workers deployment's D1 (db/import/target.ts). Asks for the login,
 * the institution id the kiosk sends (AO), the library it stands in, and the password; from
 * a terminal the password is read without echo and asked twice, from a pipe the four answers
 * are read one a line. `--reset` replaces an existing kiosk's password and binding. The
 * password is stored hashed like staff passwords (db/password.ts), never shown.
 */
import { openTarget, targetArgs } from '../../db/import/target.ts'
import { prompter } from '../counter/prompt.ts'
import { STAFF_PASSWORD_MIN } from '../counter/staff.ts'
import { addKiosk } from './server/kiosks.ts'

const { ask, tty, run } = prompter(
  '入力が途中で終わりました（ログインID・機関ID・設置館・パスワードの4行が必要です）。',
)

async function main(): Promise<number> {
  let args: ReturnType<typeof targetArgs>
  try {
    args = targetArgs(process.argv.slice(2), { reset: { type: 'boolean', default: false } })
  } catch (e) {
    console.error(
      `${(e as Error).message}\nusage: npm run kiosk:add -- [--reset] [--d1 <binding> [--remote]]`,
    )
    return 2
  }
  const login = await ask('自動貸出機のログインID（SIP2 の CN）: ')
  const institutionId = await ask('機関ID（SIP2 の AO、例 hirakata）: ')
  const placeName = await ask('設置する図書館（例 中央図書館）: ')
  const password = await ask(`パスワード（${STAFF_PASSWORD_MIN}文字以上）: `, true)
  if (tty && (await ask('パスワード（確認）: ', true)) !== password) {
    console.error('確認用のパスワードが一致しません。何も登録していません。')
    return 1
  }
  const target = await openTarget(args.d1, args.remote)
  try {
    const input = { login, password, institutionId, placeName }
    const result = await addKiosk(target.db, input, Date.now(), {
      reset: args.values.reset === true,
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
    await target.close()
  }
}

run(main)
