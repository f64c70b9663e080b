/**
 * The outbox's statements live in db/ (db/notices.ts and its notice-*.ts siblings). This name
 * stays for bot/worker/notices.ts, which asks whether notices are still due.
 */
export { hasDuePending } from '../../db/notices.ts'
