/**
 * Front mode's scheduled sync against a real HTTP server (node:http on a free port) and a
 * real folder: a delta is applied as `--sync` (deleted records withdrawn, nothing absent
 * withdrawn), an unchanged file is not fetched twice (ETag → 304), a failing server changes
 * nothing, and each new file in a folder is applied once, in name order.
 */

import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest'
import type { Db } from '../client.ts'
import { migrate, openSqlite } from '../sqlite.ts'
import { iso2709, JAPANESE_RECORDS, leader, record } from './marc-fixtures.ts'
import { syncFromUrl } from './sync.ts'
import { syncFolder, untilNextJst } from './sync-schedule.ts'

let body = ''
let etag = '"v1"'
let status = 200
let hits = 0
let server: Server
let url = ''
beforeAll(async () => {
  server = createServer((req, res) => {
    hits++
    if (status !== 200) return res.writeHead(status).end()
    if (req.headers['if-none-match'] === etag) return res.writeHead(304).end()
    res.writeHead(200, { etag, 'content-type': 'application/marc' }).end(body)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/delta.mrc`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

let db: Db & { close(): void }
beforeEach(() => {
  db = openSqlite(':memory:')
  migrate(db)
  body = iso2709(JAPANESE_RECORDS)
  etag = '"v1"'
  status = 200
  hits = 0
})
afterEach(() => db.close())
const live = async () =>
  (
    await db.all<{ id: string }>(
      sql`SELECT source_id AS id FROM titles WHERE withdrawn_at IS NULL ORDER BY 1`,
    )
  ).map((r) => r.id)

it('applies the delta from a URL, then skips it while unchanged (ETag)', async () => {
  const first = await syncFromUrl(db, url)
  expect(first).toMatchObject({ status: 'imported', summary: { added: 7 } })
  expect(await syncFromUrl(db, url)).toEqual({ status: 'unchanged' })
  expect(hits).toBe(2)
  const deleted = record([{ tag: '001', value: 'JP0004' }], leader('j', 'm', 'd'))
  body = iso2709([
    deleted,
    record([
      { tag: '001', value: 'JP0100' },
      { tag: '245', ind1: '0', ind2: '0', subfields: [{ code: 'a', value: '新着の本' }] },
    ]),
  ])
  etag = '"v2"'
  const next = await syncFromUrl(db, url)
  expect(next).toMatchObject({ status: 'imported', summary: { added: 1, withdrawn: 1 } })
  expect(await live()).toEqual([
    'JP0001',
    'JP0002',
    'JP0003',
    'JP0005',
    'JP0006',
    'JP0007',
    'JP0100',
  ])
})

it('a failing server is an error that changes nothing', async () => {
  status = 503
  await expect(syncFromUrl(db, url)).rejects.toThrow(/HTTP 503/)
  expect(await live()).toEqual([])
})

it('applies each new file of a folder once, in name order', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bunko-sync-'))
  writeFileSync(join(dir, '20270104.mrc'), iso2709(JAPANESE_RECORDS))
  writeFileSync(join(dir, '20270105.csv'), 'id,title,deleted\nJP0001,,1\nJP0200,追加の本,\n')
  writeFileSync(join(dir, 'readme.txt'), 'not a delta')
  const first = await syncFolder(db, dir)
  expect(first.map((s) => [s.added, s.withdrawn])).toEqual([
    [7, 0],
    [1, 1],
  ])
  expect(await syncFolder(db, dir)).toEqual([])
  expect(await live()).not.toContain('JP0001')
})

it('schedules the next run at the given Japan time', () => {
  const noonJst = Date.UTC(2027, 0, 4, 3, 0)
  expect(untilNextJst(noonJst, '03:00')).toBe(15 * 3_600_000)
  expect(untilNextJst(noonJst, '13:30')).toBe(90 * 60_000)
})
