/** The audit console: the latest staff actions, filterable by patron number or copy barcode. */

import { inArray } from 'drizzle-orm'
import { Hono } from 'hono'
import { parseScannedNumber } from '../../core/index.ts'
import { findPatronByNumber } from '../../db/patrons.ts'
import { patrons, places } from '../../db/schema.ts'
import { type AuditRow, copyIdByBarcode, listAudit, recordAudit } from './audit.ts'
import type { Counter, CounterEnv } from './context.ts'
import { page } from './render.tsx'
import { COUNTER_PATH } from './session.ts'
import { type AuditNames, auditLines, mentionedIds } from './views/audit-words.ts'
import { Message, TableScroll } from './views/frame.tsx'
import { ACTION, instantJa } from './views/labels.ts'

export function auditRoutes(k: Counter): Hono<CounterEnv> {
  const app = new Hono<CounterEnv>()
  app.get('/audit', async (c) => {
    const patronText = (c.req.query('patron') ?? '').slice(0, 64).trim()
    const copyText = (c.req.query('copy') ?? '').slice(0, 64).trim()
    const filter: { patronId?: number; copyId?: number } = {}
    const problems: string[] = []
    if (patronText) {
      const n = parseScannedNumber(patronText, k.policy)
      const patron = n.ok ? await findPatronByNumber(k.db, n.value) : null
      if (patron) filter.patronId = patron.id
      else problems.push(`利用者番号「${patronText}」の利用者は見つかりません。`)
    }
    if (copyText) {
      const id = await copyIdByBarcode(k.db, copyText.normalize('NFKC'))
      if (id) filter.copyId = id
      else problems.push(`バーコード「${copyText}」の資料は見つかりません。`)
    }
    const rows = problems.length ? [] : await listAudit(k.db, { ...filter, limit: 200 })
    if (!problems.length) await recordSearch(k, c.get('session').staff.id, filter)
    const names = await auditNames(k, rows)
    return page(c, k, {
      title: '操作記録',
      nav: 'audit',
      status: problems.length ? 404 : 200,
      body: (
        <>
          <form method="get" action={`${COUNTER_PATH}/audit`} class="filters">
            <label for="audit-patron">
              利用者番号
              <input id="audit-patron" name="patron" value={patronText} maxlength={64} data-scan />
            </label>
            <label for="audit-copy">
              資料のバーコード
              <input id="audit-copy" name="copy" value={copyText} maxlength={64} data-scan />
            </label>
            <button type="submit">絞り込む</button>
          </form>
          {problems.map((p) => (
            <Message kind="error">{p}</Message>
          ))}
          <h2 id="audit-h">最新の操作（{rows.length}件）</h2>
          <AuditTable rows={rows} names={names} />
        </>
      ),
    })
  })
  return app
}

/**
 * Looking up whose records these are is itself on the trail: a search for a patron (or a
 * copy) is recorded with the staff member who made it, under the patron's own subject, which
 * retention keeps (db/retention.ts), so a later audit shows who looked at whose records.
 */
async function recordSearch(
  k: Counter,
  staffId: number,
  f: { patronId?: number; copyId?: number },
) {
  const subject =
    f.patronId !== undefined
      ? `patron:${f.patronId}`
      : f.copyId !== undefined
        ? `copy:${f.copyId}`
        : null
  if (subject)
    await recordAudit(k.db, { staffId, at: k.now(), action: 'audit.search', subject, after: f })
}

/** Patron numbers and place names for the ids the rows mention, looked up once. */
async function auditNames(k: Counter, rows: AuditRow[]): Promise<AuditNames> {
  const ids = mentionedIds(rows.flatMap((r) => [r.before, r.after]))
  const [people, placeRows] = await Promise.all([
    ids.patrons.length
      ? k.db.orm
          .select({ id: patrons.id, number: patrons.number })
          .from(patrons)
          .where(inArray(patrons.id, ids.patrons.slice(0, 500)))
      : [],
    ids.places.length
      ? k.db.orm
          .select({ id: places.id, name: places.name })
          .from(places)
          .where(inArray(places.id, ids.places.slice(0, 500)))
      : [],
  ])
  return {
    patron: new Map(people.map((p) => [p.id, p.number])),
    place: new Map(placeRows.map((p) => [p.id, p.name])),
  }
}

function AuditTable(p: { rows: AuditRow[]; names: AuditNames }) {
  if (p.rows.length === 0) return <p class="empty">記録はありません。</p>
  return (
    <TableScroll labelledBy="audit-h">
      <table aria-labelledby="audit-h">
        <thead>
          <tr>
            <th scope="col">日時</th>
            <th scope="col">職員</th>
            <th scope="col">操作</th>
            <th scope="col">対象</th>
            <th scope="col">変更前</th>
            <th scope="col">変更後</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr data-action={r.action}>
              <td>{instantJa(r.at)}</td>
              <td>{r.staffName ?? (r.channel === 'line' ? '利用者（LINE）' : '—')}</td>
              <td>{ACTION[r.action] ?? r.action}</td>
              <td>{r.subject}</td>
              <td>
                <Lines lines={auditLines(r.before, p.names)} />
              </td>
              <td>
                <Lines lines={auditLines(r.after, p.names)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}

/** A record in words, one fact per line. */
function Lines(p: { lines: string[] }) {
  if (p.lines.length === 0) return <span class="empty">—</span>
  return (
    <ul class="facts">
      {p.lines.map((l) => (
        <li>{l}</li>
      ))}
    </ul>
  )
}
