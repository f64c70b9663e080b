import { describe, expect, it } from 'vitest'
import { jstInstant } from './dates.ts'
import { checkService, maintenanceState, usableFrom } from './maintenance.ts'
import { P } from './test-fixtures.ts'

describe('maintenance window', () => {
  it('SVC-MAINT: down from 03:00 for an hour, and says when it is back', () => {
    const d = '2026-05-01'
    expect(maintenanceState(jstInstant(d, '02:59'), P)).toEqual({ down: false, backAt: null })
    expect(maintenanceState(jstInstant(d, '03:00'), P)).toEqual({
      down: true,
      backAt: jstInstant(d, '04:00'),
    })
    expect(maintenanceState(jstInstant(d, '04:00'), P).down).toBe(false)
    const r = checkService(jstInstant(d, '03:30'), P)
    expect(r).toMatchObject({ ok: false, reason: 'maintenance' })
    if (!r.ok) {
      expect(r.message.ja).toContain('メンテナンス中')
      expect(r.message.ja).toContain('04:00ごろに再開')
      expect(r.message.en).toContain('04:00')
    }
    expect(checkService(jstInstant(d, '12:00'), P).ok).toBe(true)
  })

  it('SVC-MAINT: a configured window that crosses midnight', () => {
    const policy = { ...P, maintenance: { start: '23:30', minutes: 60 } }
    expect(maintenanceState(jstInstant('2026-05-02', '00:15'), policy)).toEqual({
      down: true,
      backAt: jstInstant('2026-05-02', '00:30'),
    })
    expect(maintenanceState(jstInstant('2026-05-01', '23:29'), policy).down).toBe(false)
    const none = { ...P, maintenance: { start: '03:00', minutes: 0 } }
    expect(maintenanceState(jstInstant('2026-05-01', '03:00'), none).down).toBe(false)
  })

  it('SVC-MAINT: an answer given in the window says from when what it offers can be used', () => {
    const backAt = jstInstant('2026-05-01', '04:00')
    const note = usableFrom(backAt, P, { ja: 'アカウント連携', en: 'Linking your account' })
    expect(note.ja).toBe(
      'ただいまシステムのメンテナンス中です（毎日03:00から約60分）。アカウント連携は、2026年5月1日(金) 04:00ごろからご利用いただけます。',
    )
    expect(note.en).toContain('Linking your account will be available from about')
    expect(note.en).toContain('04:00 (Japan time)')
  })
})
