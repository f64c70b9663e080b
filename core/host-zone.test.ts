/// <reference types="vite/client" />
/**
 * Results do not change with the host time zone. Changing process.env.TZ inside a running
 * process is not reliable, so instead every host-zone Date API (and the clock) is made to
 * throw while the rules run: if no rule can reach them, no rule can depend on the zone.
 * `npm run test:tz` also runs the whole core suite under America/Los_Angeles and Asia/Tokyo.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mayLogIn } from './access.ts'
import { parseScannedNumber } from './barcode.ts'
import { verifyResetIdentity } from './credentials.ts'
import { jstDate, jstInstant, jstMinuteOfDay, weekday } from './dates.ts'
import { dueDateFor } from './due-dates.ts'
import { cancelHold } from './hold-actions.ts'
import { placeHolds } from './holds.ts'
import { checkLockout } from './lockout.ts'
import { checkService } from './maintenance.ts'
import { nextNoticeSlot, overdueNoticeAt } from './notices.ts'
import { pickupBy } from './pickup.ts'
import { parsePolicy } from './policy-parse.ts'
import { pickHoldForCopy } from './queue.ts'
import { quoteRenewal, renewAll } from './renewals.ts'
import { CENTRAL, hold, KUZUHA, loan, P, patron, title } from './test-fixtures.ts'

const HOST_ZONE_METHODS = [
  'getFullYear',
  'getMonth',
  'getDate',
  'getDay',
  'getHours',
  'getMinutes',
  'getSeconds',
  'getMilliseconds',
  'getTimezoneOffset',
  'setFullYear',
  'setMonth',
  'setDate',
  'setHours',
  'setMinutes',
  'toString',
  'toDateString',
  'toTimeString',
  'toLocaleString',
  'toLocaleDateString',
  'toLocaleTimeString',
] as const

function trap(name: string) {
  return () => {
    throw new Error(`core read the host zone or clock: ${name}`)
  }
}

/** Runs a broad sample of the rules and returns their results. */
function runRules() {
  const cal = { closedWeekdays: [1], closedDates: ['2026-05-25'] }
  const t = jstInstant('2026-05-01', '23:30')
  return {
    jst: [jstDate(t), jstMinuteOfDay(t), weekday('2026-05-01')],
    due: dueDateFor('2026-04-20', 'book', P, cal),
    renew: quoteRenewal(loan(), { today: '2026-05-10', blocked: false, calendar: cal }, P),
    renewAll: renewAll(
      [loan(), loan({ id: 2, heldByOthers: true })],
      {
        today: '2026-05-10',
        blocked: false,
      },
      P,
    ),
    slot: nextNoticeSlot(t, 'locker', P),
    overdue: overdueNoticeAt('2026-05-15', 1, P),
    pickup: [pickupBy(t, 'library', P, cal), pickupBy(t, 'locker', P)],
    maint: checkService(jstInstant('2026-05-02', '03:10'), P),
    lock: checkLockout(
      [0, 1, 2, 3, 4].map((m) => t + m * 60_000),
      t + 300_000,
      P,
    ),
    login: mayLogIn(
      { patron: patron(), loans: [loan({ dueDate: '2026-01-01' })], today: '2026-05-10' },
      P,
    ),
    holds: placeHolds(
      {
        patron: patron(),
        titles: [title(1), title(2, { materialType: 'dvd' })],
        pickup: CENTRAL,
        holds: [],
        loans: [],
        today: '2026-05-10',
      },
      P,
    ),
    pick: pickHoldForCopy(101, [hold(1), hold(2, { titleId: 101 })])?.id,
    cancel: cancelHold(hold(1, { state: 'ready' }), 1, KUZUHA, P),
    reset: verifyResetIdentity(
      { number: '1', name: 'a', phone: '1' },
      { number: '1', name: 'a', phone: '2' },
      P,
    ),
    scan: parseScannedNumber('A12345678A'),
    policy: parsePolicy({ closedDates: ['2026-12-31'] }).ok,
  }
}

describe('host time zone independence', () => {
  const expected = runRules()

  beforeEach(() => {
    for (const m of HOST_ZONE_METHODS) vi.spyOn(Date.prototype, m).mockImplementation(trap(m))
    const RealDate = Date
    class NoClockDate extends RealDate {
      constructor(...args: unknown[]) {
        if (args.length === 0) throw new Error('core read the clock: new Date()')
        super(...(args as [number]))
      }
      static override now(): number {
        throw new Error('core read the clock: Date.now()')
      }
    }
    vi.stubGlobal('Date', NoClockDate)
    vi.spyOn(Intl, 'DateTimeFormat').mockImplementation(trap('Intl.DateTimeFormat'))
  })

  afterEach(() => {
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
  })

  it('NOTICE-SLOTS / LOAN-DUE-OPEN / RENEW-BOOK: rules never read host-zone Date fields or the clock', () => {
    expect(() => new Date().getHours()).toThrow()
    expect(runRules()).toEqual(expected)
  })

  it('SVC-MAINT / HOLD-EXPIRE: Japan-time results are fixed values, whatever the host zone', () => {
    const r = runRules()
    expect(r.jst).toEqual(['2026-05-01', 23 * 60 + 30, 5])
    expect(r.slot).toBe(jstInstant('2026-05-02', '10:00'))
    expect(r.pickup).toEqual(['2026-05-09', '2026-05-06'])
    expect(r.maint.ok).toBe(false)
    expect(r.due).toBe('2026-05-05')
  })
})

describe('purity', () => {
  const sources = import.meta.glob(['./*.ts', '!./*.test.ts'], {
    query: '?raw',
    import: 'default',
    eager: true,
  }) as Record<string, string>

  it('nothing in core imports Node, Hono, drizzle, LINE or the DOM, or reads the clock', () => {
    const files = Object.entries(sources)
    expect(files.length).toBeGreaterThan(10)
    for (const [path, raw] of files) {
      const src = raw.replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '')
      const imports = [...src.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1] ?? '')
      for (const spec of imports) expect(spec.startsWith('./'), `${path}: ${spec}`).toBe(true)
      expect(src, path).not.toMatch(/Date\.now\(|new Date\(\)|\bwindow\.|\bdocument\.|localStorage/)
    }
  })
})
