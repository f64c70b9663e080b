/**
 * The LINE API clients the bot uses, pointed at whichever LINE the configuration names:
 * real LINE, the bundled simulator, or any LINE-compatible server.
 */
import { messagingApi } from '@line/bot-sdk'
import type { Config } from './config.ts'

export interface LineClients {
  client: messagingApi.MessagingApiClient
  blob: messagingApi.MessagingApiBlobClient
}

export function lineClients(config: Config): LineClients {
  const { channelAccessToken, apiBaseUrl, dataApiBaseUrl } = config.line
  return {
    client: new messagingApi.MessagingApiClient({ channelAccessToken, baseURL: apiBaseUrl }),
    blob: new messagingApi.MessagingApiBlobClient({ channelAccessToken, baseURL: dataApiBaseUrl }),
  }
}
