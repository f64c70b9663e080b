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

export const chartById = (id: string) => CHARTS.find((c) => c.id === id)
