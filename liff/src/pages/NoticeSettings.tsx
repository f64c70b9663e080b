/** @jsxImportSource preact */
/**
 * お知らせの設定: every kind of LINE notice in one place (NOTICE-KINDS, NOTICE-DUE-SOON with
 * its lead time, NOTICE-EXPIRY), each on or off where the rules allow. Hold-ready stays on
 * while holds are active and nothing else reaches the patron (ACC-PASSWORD), and the page says
 * why; account messages (a password reset's confirmation, unlinking) cannot be turned off.
 */
import { useState } from 'preact/hooks'
import type { NotificationPrefs } from '../../api-types.ts'
import { api } from '../api.ts'
import { useCapabilities } from '../capabilities.ts'
import { sectionId, usePatron } from '../family.ts'
import { useHolderWords } from '../holder-words.ts'
import { useAction, useApi } from '../hooks.ts'
import { t } from '../i18n/index.ts'
import { noticeTimes } from '../notice-times.ts'
import { Done, ErrorNote, Loading } from '../ui/common.tsx'

type Lead = 1 | 2 | 3 | null
const LEADS: Lead[] = [null, 1, 2, 3]

export function NoticeSettings() {
  const prefs = useApi<NotificationPrefs>('/api/notifications')
  const action = useAction()
  // ACC-FAMILY: inside a person's section, the settings are that person's.
  const patron = usePatron()
  const caps = useCapabilities()
  const [saved, setSaved] = useState(false)
  const words = t.noticeSettings
  const holderWords = useHolderWords()
  const save = (change: Partial<Pick<NotificationPrefs, 'line' | 'due_soon_days' | 'expiry'>>) =>
    action.run(async () => {
      const now = prefs.data
      if (!now) return
      setSaved(false)
      const next = {
        line: now.line,
        due_soon_days: now.due_soon_days ?? null,
        expiry: now.expiry ?? true,
        ...change,
      }
      // Shown at once, so the control follows the tap; the server's answer then stands, and
      // a refusal puts back what is saved.
      prefs.set({ ...now, ...next })
      try {
        prefs.set(await api<NotificationPrefs>('PUT', '/api/notifications', next, patron))
      } catch (err) {
        prefs.set(now)
        throw err
      }
      setSaved(true)
    })
  const p = prefs.data
  const locked = p?.hold_ready_locked === true && p.line.hold_ready
  return (
    <section aria-labelledby={sectionId('notices', patron)}>
      <h2 id={sectionId('notices', patron)}>{t.settings.notices}</h2>
      <p class="note">{words.when(noticeTimes())}</p>
      {prefs.error && <ErrorNote error={prefs.error} retry={prefs.reload} />}
      {prefs.loading && <Loading />}
      {p && (
        <>
          <label class="switch">
            <input
              type="checkbox"
              checked={p.line.hold_ready}
              disabled={action.busy || locked}
              aria-describedby={locked ? sectionId('hold-ready-why', patron) : undefined}
              onChange={(e) => save({ line: { ...p.line, hold_ready: e.currentTarget.checked } })}
            />
            <span>{t.settings.hold_ready}</span>
          </label>
          {locked && (
            <p id={sectionId('hold-ready-why', patron)} class="note-box">
              {holderWords.holdReadyLocked}
            </p>
          )}
          <label class="switch">
            <input
              type="checkbox"
              checked={p.line.overdue}
              disabled={action.busy}
              onChange={(e) => save({ line: { ...p.line, overdue: e.currentTarget.checked } })}
            />
            <span>{t.settings.overdue}</span>
          </label>
          {/* What the library system can tell (capabilities): an option it cannot serve is
              not offered, and the page says so. Unknown yet (null): nothing is shown. */}
          {caps &&
            (caps.reminders ? (
              <fieldset aria-describedby={sectionId('due-soon-help', patron)}>
                <legend>{words.dueSoon}</legend>
                <p id={sectionId('due-soon-help', patron)} class="note">
                  {words.dueSoonHelp}
                </p>
                {LEADS.map((lead) => (
                  <label key={String(lead)} class="choice">
                    <input
                      type="radio"
                      name={sectionId('due-soon', patron)}
                      checked={(p.due_soon_days ?? null) === lead}
                      disabled={action.busy}
                      onChange={() => save({ due_soon_days: lead })}
                    />
                    <span>{lead === null ? words.off : words.daysBefore(lead)}</span>
                  </label>
                ))}
              </fieldset>
            ) : (
              <p class="note">{words.dueSoonUnavailable}</p>
            ))}
          {caps &&
            (caps.expiryNotices ? (
              <label class="switch">
                <input
                  type="checkbox"
                  checked={p.expiry ?? true}
                  disabled={action.busy}
                  onChange={(e) => save({ expiry: e.currentTarget.checked })}
                />
                <span>{words.expiry}</span>
              </label>
            ) : (
              <p class="note">{words.expiryUnavailable}</p>
            ))}
          <p class="note">{words.always}</p>
        </>
      )}
      {action.error && <ErrorNote error={action.error} />}
      {saved && <Done>{t.settings.saved}</Done>}
    </section>
  )
}
