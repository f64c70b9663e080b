/**
 * `npm run bench:lockout`: what the ACC-SECRET lockout and the per-client form limit allow an
 * attacker, measured by running the real sign-in (db/patrons.ts signIn) against SQLite on a
 * simulated clock. Two figures, for README's Security section:
 *
 * 1. From ONE address, posting the forms as fast as FORM_LIMIT lets it for an hour, guessing
 *    wrong at one number after another: how many numbers end up locked for a patron at
 *    another address (and so how many patrons one address can deny).
 * 2. From ANY number of addresses (a fresh one per guess, one guess every 5 seconds for two
 *    hours at one number): the most guesses whose password was actually checked within any
 *    60 minutes.
 */

import { FORM_LIMIT } from '../../bot/rate-limit.ts'
import { HIRAKATA_POLICY as policy } from '../../core/index.ts'
import { patronLockout, signIn } from '../../db/patrons.ts'
import { migrate, openSqlite } from '../../db/sqlite.ts'

const T0 = Date.UTC(2026, 5, 10, 3, 0)
const HOUR = 3_600_000

async function oneAddress() {
  const db = openSqlite(':memory:')
  migrate(db)
  // One POST per step: the fastest the per-client form limit lets one address go.
  const step = FORM_LIMIT.windowMs / FORM_LIMIT.limit
  const numbers = Array.from({ length: 100 }, (_, i) => String(3_000_000 + i))
  const patron = { address: 'patron' }
  const attacker = { address: 'attacker' }
  const denied = new Set<string>()
  let posts = 0
  let checked = 0
  for (let t = T0; t < T0 + HOUR; t += step) {
    // Guess at the first number the attacker's own address is not locked out of.
    let target: string | undefined
    for (const number of numbers)
      if ((await patronLockout(db, number, t, policy, attacker)).ok) {
        target = number
        break
      }
    if (!target) continue
    const r = await signIn(db, { number: target, password: 'wrong-1', client: attacker }, t, policy)
    posts++
    if (!r.ok && r.reason === 'wrong_credentials') checked++
    for (const number of numbers)
      if (!(await patronLockout(db, number, t, policy, patron)).ok) denied.add(number)
  }
  db.close()
  return { posts, checked, denied: denied.size }
}

async function manyAddresses() {
  const db = openSqlite(':memory:')
  migrate(db)
  const checked: number[] = []
  let i = 0
  for (let t = T0; t < T0 + 2 * HOUR; t += 5_000) {
    const r = await signIn(
      db,
      { number: '3999999', password: `guess-${i}`, client: { address: `a${i++}` } },
      t,
      policy,
    )
    if (!r.ok && r.reason === 'wrong_credentials') checked.push(t)
  }
  let most = 0
  for (const start of checked)
    most = Math.max(most, checked.filter((x) => x >= start && x < start + HOUR).length)
  db.close()
  return { guesses: i, checkedPerHour: most }
}

const a = await oneAddress()
const b = await manyAddresses()
console.log(
  `policy: lockout ${JSON.stringify(policy.lockout)}, numberLockout ${JSON.stringify(policy.numberLockout)}, form limit ${FORM_LIMIT.limit} per ${FORM_LIMIT.windowMs / 60_000} min`,
)
console.log(
  `one address, one hour: ${a.posts} posts, ${a.checked} passwords checked; numbers locked for a patron at another address: ${a.denied}`,
)
console.log(
  `one number, any addresses: ${b.guesses} guesses sent over 2 hours; most passwords checked in any 60 minutes: ${b.checkedPerHour}`,
)
