/**
 * A database id as text (a path or a query): digits only, no sign, no leading zero, at most
 * 15 digits so it stays a safe integer. The server refuses anything else (bot/api/validate.ts)
 * and the LIFF app does not ask for it (a title page for #/title/abc).
 */
export const ID_TEXT = /^[1-9]\d{0,14}$/
