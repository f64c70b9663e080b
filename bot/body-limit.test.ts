import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { declaredBodyLimit } from './body-limit.ts'

function app(onError?: boolean) {
  const a = new Hono()
  a.use(
    '*',
    declaredBodyLimit({
      maxSize: 10,
      ...(onError ? { onError: (c) => c.text('too big', 400) } : {}),
    }),
  )
  a.all('/', async (c) => c.text(`got ${(await c.req.text()).length}`))
  return a
}

const stream = (text: string) =>
  new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text))
      controller.close()
    },
  })

describe('declaredBodyLimit', () => {
  it('passes a GET, and a declared length within the limit', async () => {
    expect(await (await app().request('/')).text()).toBe('got 0')
    const res = await app().request('/', {
      method: 'POST',
      body: '12345',
      headers: { 'content-length': '5' },
    })
    expect(await res.text()).toBe('got 5')
  })

  it('refuses a declared length over the limit before reading it: 413, or the given answer', async () => {
    const init = { method: 'POST', body: 'x'.repeat(20), headers: { 'content-length': '20' } }
    expect((await app().request('/', init)).status).toBe(413)
    const res = await app(true).request('/', init)
    expect([res.status, await res.text()]).toEqual([400, 'too big'])
  })

  it('counts a body with no declared length as it arrives', async () => {
    const post = (text: string) =>
      app(true).request('/', { method: 'POST', body: stream(text), duplex: 'half' } as RequestInit)
    expect(await (await post('1234567')).text()).toBe('got 7')
    const over = await post('x'.repeat(20))
    expect([over.status, await over.text()]).toEqual([400, 'too big'])
  })
})
