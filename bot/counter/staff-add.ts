/**
 * `npm run staff:add [-- --reset] [--d1 <binding> [--remote]]`: create a counter staff account
 * in the SQLite database at DATABASE_PATH (default data/bunko.db, migrated first), or with
 * `--d1` in the Workers deployment's D1 (local, or `--remote`) through db/import/target.ts. Asks for login, name and password;
 * from a terminal the password is read without echo and asked twice, from a pipe the three
 * answers are read one a line (for provisioning scripts). `--reset` replaces the name and
 * password of an existing login. The password is stored hashed (db/password.ts), never shown.
 */
import { openTarget, targetArgs } from '../../db/import/target.ts'
import { prompter } from './prompt.ts'
import { addStaff, STAFF_PASSWORD_MIN } from './staff.ts'

const { ask, tty, run } = prompter(
  '入力が途中で終わりました（ログインID・氏名・パスワードの3行が必要です）。',
)

async function main(): Promise<number> {
  let args: ReturnType<typeof targetArgs>
  try {
    args = targetArgs(process.argv.slice(2), { reset: { type: 'boolean', default: false } })
  } catch (e) {
    console.error(
      `${(e as Error).message}\nusage: npm run staff:add -- [--reset] [--d1 <binding> [--remote]]`,
    )
    return 2
  }
  const reset = args.values.reset === true
  const login = await ask('ログインID: ')
  const name = await ask('氏名: ')
  const password = await ask(`パスワード（${STAFF_PASSWORD_MIN}文字以上）: `, true)
  if (tty && (await ask('パスワード（確認）: ', true)) !== password) {
    console.error('確認用のパスワードが一致しません。何も登録していません。')
    return 1
  }
  const target = await openTarget(args.d1, args.remote)
  const db = target.db
  try {
    const result = await addStaff(db, { login, name, password }, Date.now(), { reset })
    if (!result.ok) {
      console.error(`${result.message.ja} 何も登録していません。`)
      return 1
    }
    const { staff, created } = result.value
    console.error(
      created
        ? `職員「${staff.name}」（${staff.login}）を登録しました。`
        : `職員「${staff.name}」（${staff.login}）の氏名とパスワードを再設定しました。`,
    )
    return 0
  } finally {
    await target.close()
  }
}

run(main)
