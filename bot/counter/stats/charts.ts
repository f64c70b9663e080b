/** Every chart on the statistics page, in the order shown. */
import { channelsChart, expiredChart, noticesChart, shelfChart } from './charts-circulation.ts'
import { linkEventsChart, linkedChart, webhookChart } from './charts-line.ts'
import type { ChartSpec } from './labels.ts'

export const CHARTS: readonly ChartSpec[] = [
  linkedChart,
  linkEventsChart,
  noticesChart,
  channelsChart,
  shelfChart,
  expiredChart,
  webhookChart,
]

/**
 * Front mode: only what bunko itself holds, LINE links, its notices and the webhook. Renewals,
 * holds and the hold shelf happen in the library's own system, so bunko's counts of them would
 * be partial or its shadow copy's, and a partial chart reads as the whole.
 */
export const FRONT_CHARTS: readonly ChartSpec[] = [
  linkedChart,
  linkEventsChart,
  noticesChart,
  webhookChart,
]

export const chartById = (charts: readonly ChartSpec[], id: string) =>
  charts.find((c) => c.id === id)
