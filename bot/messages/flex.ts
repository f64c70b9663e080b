/**
 * Small constructors for the Flex components the notices and lists use, so each message reads
 * as its content rather than as JSON. Colours meet WCAG AA on white.
 */
import type { messagingApi } from '@line/bot-sdk'

export const COLORS = {
  accent: '#14532d',
  warn: '#9a3412',
  text: '#111827',
  sub: '#4b5563',
  rule: '#d1d5db',
} as const

export function text(
  value: string,
  style: Omit<messagingApi.FlexText, 'type' | 'text'> = {},
): messagingApi.FlexText {
  return { type: 'text', text: value, wrap: true, color: COLORS.text, size: 'md', ...style }
}

export function vbox(
  contents: messagingApi.FlexComponent[],
  style: Omit<messagingApi.FlexBox, 'type' | 'layout' | 'contents'> = {},
): messagingApi.FlexBox {
  return { type: 'box', layout: 'vertical', contents, ...style }
}

/** A label/value row: 「受取場所　中央図書館」. */
export function row(label: string, value: string, valueStyle = {}): messagingApi.FlexBox {
  return {
    type: 'box',
    layout: 'baseline',
    spacing: 'md',
    contents: [
      text(label, { size: 'sm', color: COLORS.sub, flex: 2, wrap: false }),
      text(value, { size: 'sm', flex: 5, weight: 'bold', ...valueStyle }),
    ],
  }
}

export function separator(): messagingApi.FlexSeparator {
  return { type: 'separator', margin: 'lg', color: COLORS.rule }
}

export function button(
  action: messagingApi.Action,
  style: 'primary' | 'secondary' | 'link' = 'primary',
): messagingApi.FlexButton {
  return {
    type: 'button',
    action,
    style,
    height: 'sm',
    ...(style === 'primary' ? { color: COLORS.accent } : {}),
  }
}

/** A phone number as a `tel:` URI (digits and a leading + only). */
export function telUri(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`
}
