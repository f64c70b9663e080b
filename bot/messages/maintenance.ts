/**
 * SVC-MAINT: during the maintenance window every answer is this notice. The words come from
 * core (core/maintenance.ts `maintenanceMessage`), which knows when the service returns.
 */
import type { messagingApi } from '@line/bot-sdk'
import type { Text } from '../../core/types.ts'
import type { Lang } from './lang.ts'

export function maintenanceNotice({
  text,
  lang = 'ja',
}: {
  text: Text
  lang?: Lang
}): messagingApi.TextMessage {
  return { type: 'text', text: text[lang] }
}
