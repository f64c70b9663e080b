/**
 * Run the simulator alone on its own port (Node), for pointing any LINE-compatible bot at it:
 *
 *   SIM_PORT=8787 WEBHOOK_URL=http://localhost:3000/webhook tsx bot/simulator/node.ts
 *
 * Credentials default to bunko's demo channel. `npm start` does not need this: it mounts the
 * simulator into the bot's own app.
 */
import { serve } from '@hono/node-server'
import { createLineSimulator, lineBaseUrls } from './index.ts'

const port = Number(process.env.SIM_PORT ?? 8787)
const sim = createLineSimulator({
  channelSecret: process.env.LINE_CHANNEL_SECRET ?? 'bunko-demo-channel-secret',
  channelAccessToken: process.env.LINE_CHANNEL_ACCESS_TOKEN ?? 'bunko-demo-channel-access-token',
  loginChannelId: process.env.LINE_LOGIN_CHANNEL_ID ?? '1650000000',
  ...(process.env.WEBHOOK_URL ? { webhookUrl: process.env.WEBHOOK_URL } : {}),
})

serve({ fetch: sim.app.fetch, port }, (info) => {
  const origin = `http://localhost:${info.port}`
  console.log(`LINE simulator: ${origin}/simulator`)
  for (const [k, v] of Object.entries(lineBaseUrls(origin))) console.log(`  ${k}=${v}`)
})
