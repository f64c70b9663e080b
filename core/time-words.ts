/**
 * Times of day in a sentence, from the policy's "HH:MM" (NOTICE-SLOTS): Japanese 10時 and
 * 9時30分, English 10:00 and 9:30 (no leading zero). One place for both LINE's messages (core)
 * and the LIFF app's dictionaries, so the chat and the app name a library's times alike.
 */

/** "10:00", "16:00" → 10時・16時 (with `and` = '・') or 10時と16時 ('と'). */
export function jaTimes(times: readonly string[], and: string): string {
  return times
    .map((hhmm) => {
      const [h, m] = hhmm.split(':').map(Number)
      return m ? `${h}時${m}分` : `${h}時`
    })
    .join(and)
}

/** "10:00", "10:00 and 16:00", "9:00, 13:00 and 16:00" (the policy writes 09:00). */
export function enTimes(times: readonly string[]): string {
  const bare = times.map((hhmm) => hhmm.replace(/^0(?=\d:)/, ''))
  return bare.length > 1 ? `${bare.slice(0, -1).join(', ')} and ${bare.at(-1)}` : (bare[0] ?? '')
}
