/**
 * Node entry point. Until the bot is built this says so plainly and exits non-zero,
 * so `npm start` never fails silently.
 */
console.error(
  'bunko: the bot is not built yet — only core/ (circulation rules) exists so far. Run `npm test`.',
)
process.exit(1)
