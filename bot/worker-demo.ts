/**
 * The demo Worker: bot/worker.ts plus demo mode (BUNKO_DEMO=1), as on Node — the LINE
 * simulator answers in the same Worker at /simulator, the demo library is loaded into an
 * empty D1, and traffic runs the notice tick since `wrangler dev` fires no crons.
 * `npm run dev:worker` bundles and serves this entry; `wrangler deploy` deploys bot/worker.ts.
 * Without BUNKO_DEMO=1 it runs as production, like bot/worker.ts.
 */
import { WORKER_DEMO } from './worker/demo.ts'
import { workerHandlers } from './worker/entry.ts'

export default workerHandlers(WORKER_DEMO)
