/**
 * Reading a library's Policy from JSON (POLICY_JSON / policy file): missing fields take
 * Hirakata's values, present ones must be right, and every bad field is named at once, so a
 * library fixes its file in one go rather than one error per start.
 */
import { type ClockTime, isClockTime, isJstDate, type JstDate } from './dates.ts'
import { HIRAKATA_POLICY, type Policy } from './policy.ts'
import { SYMBOLOGIES, symbologyCarries } from './symbology.ts'
import { MATERIAL_TYPES, type MaterialType } from './types.ts'

/** Why a policy was refused: the dotted path of the bad field and what is wrong with it. */
export interface PolicyError {
  field: string
  problem: string
}

export type PolicyResult = { ok: true; policy: Policy } | { ok: false; errors: PolicyError[] }

/**
 * Validate a policy read from JSON. Missing fields take Hirakata's values, so a library
 * writes only what differs; a field that is present must be right, or the whole policy
 * is refused with every bad field named.
 */
export function parsePolicy(input: unknown): PolicyResult {
  const errors: PolicyError[] = []
  if (!isRecord(input))
    return { ok: false, errors: [{ field: '(root)', problem: 'not an object' }] }
  const d = HIRAKATA_POLICY
  const c = new Checker(input, errors)
  const policy: Policy = {
    libraryName: {
      ja: c.text('libraryName.ja', d.libraryName.ja),
      en: c.text('libraryName.en', d.libraryName.en),
    },
    contact: {
      ja: c.text('contact.ja', d.contact.ja),
      en: c.text('contact.en', d.contact.en),
      phone: c.text('contact.phone', d.contact.phone),
    },
    holdLimit: {
      total: c.int('holdLimit.total', d.holdLimit.total, 1),
      av: c.int('holdLimit.av', d.holdLimit.av, 0),
    },
    avTypes: c.materialTypes('avTypes', d.avTypes),
    loanDays: Object.fromEntries(
      MATERIAL_TYPES.map((t) => [t, c.int(`loanDays.${t}`, d.loanDays[t], 1)]),
    ) as Record<MaterialType, number>,
    renewal: {
      days: c.int('renewal.days', d.renewal.days, 1),
      capDays: c.int('renewal.capDays', d.renewal.capDays, 1),
      from: c.oneOf('renewal.from', d.renewal.from, ['renewal_date', 'due_date'] as const),
      avDays: c.int('renewal.avDays', d.renewal.avDays, 1),
      avMaxRenewals: c.int('renewal.avMaxRenewals', d.renewal.avMaxRenewals, 0),
    },
    pickup: {
      days: c.int('pickup.days', d.pickup.days, 1),
      lockerDays: c.int('pickup.lockerDays', d.pickup.lockerDays, 1),
    },
    transit: {
      overdueDays: c.int('transit.overdueDays', d.transit.overdueDays, 1, 365),
      vanLeavesAt: c.clock('transit.vanLeavesAt', d.transit.vanLeavesAt),
    },
    noticeSlots: {
      standard: c.slots('noticeSlots.standard', d.noticeSlots.standard),
      locker: c.slots('noticeSlots.locker', d.noticeSlots.locker),
    },
    overdueReminderDays: c.int('overdueReminderDays', d.overdueReminderDays, 1),
    maintenance: {
      start: c.clock('maintenance.start', d.maintenance.start),
      minutes: c.int('maintenance.minutes', d.maintenance.minutes, 0, 24 * 60 - 1),
    },
    lockout: {
      maxFailures: c.int('lockout.maxFailures', d.lockout.maxFailures, 1),
      windowMinutes: c.int('lockout.windowMinutes', d.lockout.windowMinutes, 1),
      lockMinutes: c.int('lockout.lockMinutes', d.lockout.lockMinutes, 1),
    },
    numberLockout: {
      maxFailures: c.int('numberLockout.maxFailures', d.numberLockout.maxFailures, 1),
      windowMinutes: c.int('numberLockout.windowMinutes', d.numberLockout.windowMinutes, 1),
      lockMinutes: c.int('numberLockout.lockMinutes', d.numberLockout.lockMinutes, 1),
    },
    longOverdueDays: c.int('longOverdueDays', d.longOverdueDays, 1),
    closedDueDate: c.oneOf('closedDueDate', d.closedDueDate, ['next_open_day', 'keep'] as const),
    closedDates: c.dates('closedDates', d.closedDates),
    barcode: {
      symbology: c.oneOf('barcode.symbology', d.barcode.symbology, SYMBOLOGIES),
      start: c.oneOf('barcode.start', d.barcode.start, ['A', 'B', 'C', 'D'] as const),
      stop: c.oneOf('barcode.stop', d.barcode.stop, ['A', 'B', 'C', 'D'] as const),
    },
    linkNonceMinutes: c.int('linkNonceMinutes', d.linkNonceMinutes, 1, 60),
    password: {
      minLength: c.int('password.minLength', d.password.minLength, 4, 128),
      maxLength: c.int('password.maxLength', d.password.maxLength, 8, 1024),
    },
    familyCards: c.int('familyCards', d.familyCards, 1, 6),
    holdSuspendMaxDays: c.int('holdSuspendMaxDays', d.holdSuspendMaxDays, 1, 365),
    readingRecordDays: c.int('readingRecordDays', d.readingRecordDays, 0, 365),
    patronNumber: {
      pattern: c.pattern('patronNumber.pattern', d.patronNumber.pattern),
      maxLength: c.int('patronNumber.maxLength', d.patronNumber.maxLength, 1, 64),
      keypad: c.oneOf('patronNumber.keypad', d.patronNumber.keypad, ['numeric', 'text'] as const),
      example: c.text('patronNumber.example', d.patronNumber.example),
    },
  }
  errors.push(...patronNumberErrors(policy))
  if (policy.holdLimit.av > policy.holdLimit.total)
    errors.push({ field: 'holdLimit.av', problem: 'must not exceed holdLimit.total' })
  if (policy.renewal.days > policy.renewal.capDays)
    errors.push({ field: 'renewal.days', problem: 'must not exceed renewal.capDays' })
  if (policy.password.minLength > policy.password.maxLength)
    errors.push({ field: 'password.minLength', problem: 'must not exceed password.maxLength' })
  return errors.length ? { ok: false, errors } : { ok: true, policy }
}

/**
 * The patron-number format must fit together: the example matches the pattern and length,
 * and the card's symbology can carry it (NW-7 carries no letters, Code 39 no lower case).
 */
function patronNumberErrors({ patronNumber: f, barcode }: Policy): PolicyError[] {
  const example = f.example
  if (!new RegExp(f.pattern).test(example) || example.length > f.maxLength)
    return [
      { field: 'patronNumber.example', problem: 'must match patronNumber.pattern and maxLength' },
    ]
  if (!symbologyCarries(barcode.symbology, example))
    return [
      {
        field: 'barcode.symbology',
        problem: `${barcode.symbology} cannot carry patron numbers like ${example}`,
      },
    ]
  if (f.keypad === 'numeric' && !/^[0-9]+$/.test(example))
    return [
      { field: 'patronNumber.keypad', problem: 'numeric, but the example holds more than digits' },
    ]
  return []
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Reads dotted paths out of untrusted JSON, falling back to defaults and noting bad fields. */
class Checker {
  constructor(
    private readonly root: Record<string, unknown>,
    private readonly errors: PolicyError[],
  ) {}

  private get(path: string): unknown {
    let v: unknown = this.root
    for (const key of path.split('.')) {
      if (!isRecord(v)) return undefined
      v = v[key]
    }
    return v
  }

  private check<T>(path: string, fallback: T, ok: (v: unknown) => boolean, problem: string): T {
    const v = this.get(path)
    if (v === undefined) return fallback
    if (ok(v)) return v as T
    this.errors.push({ field: path, problem })
    return fallback
  }

  int(path: string, fallback: number, min: number, max = 100_000): number {
    return this.check(
      path,
      fallback,
      (v) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max,
      `must be a whole number from ${min} to ${max}`,
    )
  }

  text(path: string, fallback: string): string {
    return this.check(
      path,
      fallback,
      (v) => typeof v === 'string' && v.trim() !== '',
      'must be non-empty text',
    )
  }

  oneOf<const T extends string>(path: string, fallback: T, options: readonly T[]): T {
    return this.check(
      path,
      fallback,
      (v) => options.includes(v as T),
      `must be one of ${options.join(', ')}`,
    )
  }

  clock(path: string, fallback: ClockTime): ClockTime {
    return this.check(path, fallback, isClockTime, 'must be a time HH:MM')
  }

  slots(path: string, fallback: ClockTime[]): ClockTime[] {
    const list = this.check(
      path,
      fallback,
      (v) => Array.isArray(v) && v.length > 0 && v.every(isClockTime),
      'must be a non-empty list of times HH:MM',
    )
    return [...new Set(list)].sort()
  }

  pattern(path: string, fallback: string): string {
    return this.check(path, fallback, isPattern, 'must be a regular expression')
  }

  dates(path: string, fallback: JstDate[]): JstDate[] {
    return this.check(
      path,
      fallback,
      (v) => Array.isArray(v) && v.every(isJstDate),
      'must be a list of dates YYYY-MM-DD',
    )
  }

  materialTypes(path: string, fallback: MaterialType[]): MaterialType[] {
    return this.check(
      path,
      fallback,
      (v) => Array.isArray(v) && v.every((t) => MATERIAL_TYPES.includes(t as MaterialType)),
      `must be a list of ${MATERIAL_TYPES.join(', ')}`,
    )
  }
}

function isPattern(v: unknown): boolean {
  if (typeof v !== 'string' || v === '') return false
  try {
    new RegExp(v)
    return true
  } catch {
    return false
  }
}
