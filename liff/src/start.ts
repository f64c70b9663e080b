/**
 * First module the entry evaluates: marks "script start" for the card timing (issue 6, budget).
 * Kept separate so the mark runs before Preact and the app are evaluated.
 */
performance.mark('bunko:start')
