/**
 * Workers entry point: bunko on Cloudflare Workers with D1 (wrangler.toml). The same app
 * factory as Node; webhook work runs after the answer through `ctx.waitUntil`; cron triggers
 * run the same notice `tick` as the Node scheduler; a NOTICE_QUEUE, when bound, takes the
 * rest of a large slot. The LIFF app is served from static assets before this runs.
 *
 * This is the production Worker: it carries neither the LINE simulator nor the demo library,
 * and refuses BUNKO_DEMO=1 (logged). Demo mode is the demo Worker, bot/worker-demo.ts, which
 * `npm run dev:worker` runs. Missing LINE secrets stop it with the secret named in the logs.
 */

import { workerHandlers } from './worker/entry.ts'

export default workerHandlers(null)
