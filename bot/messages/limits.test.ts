import type { messagingApi } from '@line/bot-sdk'
import { describe, expect, it } from 'vitest'
import { messageProblems } from './limits.ts'

describe('messageProblems (LINE limits)', () => {
  it('accepts a plain text message', () => {
    expect(messageProblems({ type: 'text', text: 'こんにちは' })).toEqual([])
  })

  it('refuses text over 5000 characters and empty text', () => {
    expect(messageProblems({ type: 'text', text: 'あ'.repeat(5001) })).not.toEqual([])
    expect(messageProblems({ type: 'text', text: '' })).not.toEqual([])
  })

  it('refuses more than 13 quick replies and long labels', () => {
    const item = (label: string): messagingApi.QuickReplyItem => ({
      type: 'action',
      action: { type: 'message', label, text: label },
    })
    const many = Array.from({ length: 14 }, (_, i) => item(`q${i}`))
    expect(messageProblems({ type: 'text', text: 'x', quickReply: { items: many } })).toContain(
      'quick reply over 13 items',
    )
    const long = {
      type: 'text' as const,
      text: 'x',
      quickReply: { items: [item('あ'.repeat(21))] },
    }
    expect(messageProblems(long).join()).toMatch(/label over 20/)
  })

  it('refuses altText over 400 and a Flex bubble over 30 KB', () => {
    const big: messagingApi.FlexMessage = {
      type: 'flex',
      altText: 'a'.repeat(401),
      contents: {
        type: 'bubble',
        body: {
          type: 'box',
          layout: 'vertical',
          contents: [{ type: 'text', text: 'あ'.repeat(12_000) }],
        },
      },
    }
    const problems = messageProblems(big)
    expect(problems).toContain('altText must be 1–400')
    expect(problems).toContain('bubble over 30 KB')
  })

  it('refuses a carousel of 13 bubbles, an empty Flex text and a bad URI scheme', () => {
    const bubble: messagingApi.FlexBubble = {
      type: 'bubble',
      body: {
        type: 'box',
        layout: 'vertical',
        contents: [
          { type: 'text', text: '' },
          { type: 'button', action: { type: 'uri', label: 'x', uri: 'javascript:alert(1)' } },
        ],
      },
    }
    const msg: messagingApi.FlexMessage = {
      type: 'flex',
      altText: 'x',
      contents: { type: 'carousel', contents: Array.from({ length: 13 }, () => bubble) },
    }
    const problems = messageProblems(msg).join('\n')
    expect(problems).toMatch(/carousel needs 1–12 bubbles/)
    expect(problems).toMatch(/empty text/)
    expect(problems).toMatch(/unsupported scheme/)
  })

  it('refuses a confirm template without exactly two actions and long buttons text', () => {
    expect(
      messageProblems({
        type: 'template',
        altText: 'x',
        template: {
          type: 'confirm',
          text: 'x',
          actions: [{ type: 'message', label: 'a', text: 'a' }],
        },
      }),
    ).toContain('confirm needs exactly 2 actions')
    expect(
      messageProblems({
        type: 'template',
        altText: 'x',
        template: {
          type: 'buttons',
          title: 't',
          text: 'あ'.repeat(61),
          actions: [{ type: 'message', label: 'a', text: 'a' }],
        },
      }),
    ).toContain('buttons text over 60')
  })
})
