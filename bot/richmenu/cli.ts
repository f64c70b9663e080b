/**
 * `npm run richmenu`: create or update the rich menus on the LINE channel named by the
 * environment. LINE_CHANNEL_ACCESS_TOKEN and LIFF_ID are required; LINE_API_BASE_URL and
 * LINE_DATA_API_BASE_URL point it at the simulator (or any other LINE-compatible endpoint).
 */
import { messagingApi } from '@line/bot-sdk'
import { syncRichMenus } from './sync.ts'

const env = process.env
const token = env.LINE_CHANNEL_ACCESS_TOKEN
const liffId = env.LIFF_ID
if (!token || !liffId) {
  console.error('richmenu: set LINE_CHANNEL_ACCESS_TOKEN and LIFF_ID (and, for the simulator,')
  console.error('LINE_API_BASE_URL and LINE_DATA_API_BASE_URL).')
  process.exit(2)
}

const client = new messagingApi.MessagingApiClient({
  channelAccessToken: token,
  baseURL: env.LINE_API_BASE_URL || 'https://api.line.me',
})
const blobClient = new messagingApi.MessagingApiBlobClient({
  channelAccessToken: token,
  baseURL: env.LINE_DATA_API_BASE_URL || 'https://api-data.line.me',
})

try {
  const result = await syncRichMenus({ client, blobClient, liffId, log: (l) => console.log(l) })
  console.log(`menu A: ${result.menuA}`)
  console.log(`menu B: ${result.menuB}`)
  if (result.kept.length > 0) process.exitCode = 1
} catch (e) {
  const detail = e instanceof Error ? e.message : String(e)
  console.error(`richmenu: ${detail}`)
  process.exit(1)
}
