/**
 * The Node LINE transport against real node:http servers on loopback, through the SDK's own
 * clients where the SDK is what uses it: what LINE answers (200, 4xx, 409, 429 with
 * Retry-After, 5xx) reaches bunko as it would through Node's `fetch`, a lost connection and a
 * server that never answers reject as a network failure, a binary answer streams, and
 * connections are kept alive.
 */
import { once } from 'node:events'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import net from 'node:net'
import { HTTPFetchError, messagingApi } from '@line/bot-sdk'
import { afterEach, describe, expect, it } from 'vitest'
import { installLineFetch, lineFetch } from './node-line-fetch.ts'
import { LineResponse } from './node-line-response.ts'

type Handler = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

/** A LINE-like server; counts the TCP connections it was opened on. */
async function lineServer(handler: Handler) {
  const server = http.createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (c: string) => {
      body += c
    })
    req.on('end', () => handler(req, body, res))
  })
  const state = { connections: 0 }
  server.on('connection', () => {
    state.connections += 1
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  cleanups.push(() => {
    server.closeAllConnections()
    return new Promise((r) => server.close(r))
  })
  return { origin, state }
}

/** The transport installed for `origin`, undone after the test. */
function install(origin: string, options: Parameters<typeof installLineFetch>[1] = {}) {
  const undo = installLineFetch({ apiBaseUrl: origin, dataApiBaseUrl: origin }, options)
  cleanups.push(undo)
}

const client = (origin: string) =>
  new messagingApi.MessagingApiClient({ channelAccessToken: 'token', baseURL: origin })

const push = { to: `U${'0'.repeat(32)}`, messages: [{ type: 'text' as const, text: 'こんにちは' }] }

async function httpError(p: Promise<unknown>): Promise<HTTPFetchError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(HTTPFetchError)
  return err as HTTPFetchError
}

describe('the Node LINE transport', () => {
  it('sends a push as the SDK builds it and gives back status, headers and body', async () => {
    const seen: {
      method?: string
      url?: string
      headers?: http.IncomingHttpHeaders
      body?: string
    } = {}
    const { origin } = await lineServer((req, body, res) => {
      Object.assign(seen, { method: req.method, url: req.url, headers: req.headers, body })
      res.writeHead(200, { 'content-type': 'application/json', 'x-line-request-id': 'req-1' })
      res.end('{"sentMessages":[{"id":"m1","quoteToken":"q"}]}')
    })
    install(origin)
    const sent = await client(origin).pushMessageWithHttpInfo(push, 'retry-key-1')
    expect(sent.httpResponse).toBeInstanceOf(LineResponse)
    expect(sent.httpResponse).toBeInstanceOf(Response)
    expect(sent.httpResponse.status).toBe(200)
    expect(sent.httpResponse.headers.get('x-line-request-id')).toBe('req-1')
    expect(sent.body.sentMessages[0]?.id).toBe('m1')
    expect(seen.method).toBe('POST')
    expect(seen.url).toBe('/v2/bot/message/push')
    expect(seen.headers?.authorization).toBe('Bearer token')
    expect(seen.headers?.['x-line-retry-key']).toBe('retry-key-1')
    expect(seen.headers?.['content-type']).toBe('application/json')
    expect(JSON.parse(seen.body ?? '')).toEqual(push)
    expect(Number(seen.headers?.['content-length'])).toBe(Buffer.byteLength(seen.body ?? ''))
    // A caller's own Content-Length is replaced by the body's, never sent twice.
    const res = await fetch(`${origin}/v2/bot/message/push`, {
      method: 'POST',
      headers: { 'Content-Length': '1' },
      body: '{"to":"U"}',
    })
    expect(res.status).toBe(200)
    expect(seen.body).toBe('{"to":"U"}')
  })

  it('reads the answer with every body method, bytes() included', async () => {
    const { origin } = await lineServer((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{"ok":"はい"}')
    })
    install(origin)
    const url = `${origin}/v2/bot/info`
    const bytes = await (await fetch(url)).bytes()
    expect(new TextDecoder().decode(bytes)).toBe('{"ok":"はい"}')
    expect(await (await fetch(url)).json()).toEqual({ ok: 'はい' })
    expect(new TextDecoder().decode(await (await fetch(url)).arrayBuffer())).toBe('{"ok":"はい"}')
    const once = await fetch(url)
    await once.bytes()
    expect(once.bodyUsed).toBe(true)
    await expect(once.text()).rejects.toThrow(TypeError)
  })

  it('sends headers given in any form, with Host, and the query, call after call', async () => {
    const seen: { url?: string; headers: http.IncomingHttpHeaders }[] = []
    const { origin } = await lineServer((req, _body, res) => {
      seen.push({ url: req.url, headers: req.headers })
      res.end('{}')
    })
    install(origin)
    const url = `${origin}/v2/bot/profile/U1?lang=ja`
    await fetch(url, { headers: new Headers({ 'X-A': 'headers' }) })
    await fetch(new URL(url), { headers: [['X-A', 'pairs']] })
    await fetch(url, { headers: { 'X-A': 'record', host: 'line.example' } })
    await fetch(`${origin}/v2/bot/info`)
    expect(seen.map((s) => s.url)).toEqual([
      '/v2/bot/profile/U1?lang=ja',
      '/v2/bot/profile/U1?lang=ja',
      '/v2/bot/profile/U1?lang=ja',
      '/v2/bot/info',
    ])
    expect(seen.map((s) => s.headers['x-a'])).toEqual(['headers', 'pairs', 'record', undefined])
    const host = new URL(origin).host
    expect(seen.map((s) => s.headers.host)).toEqual([host, host, 'line.example', host])
    expect(seen.map((s) => s.headers.connection)).toEqual(Array(4).fill('keep-alive'))
  })

  it('turns 4xx, 409, 429 with Retry-After and 5xx into the SDK errors bunko reads', async () => {
    const answers: Record<string, [number, Record<string, string>, string]> = {
      bad: [400, {}, '{"message":"The request body has 1 error(s)"}'],
      repeat: [409, { 'x-line-accepted-request-id': 'first-req' }, '{"message":"accepted"}'],
      busy: [429, { 'retry-after': '7' }, '{"message":"Too Many Requests"}'],
      down: [503, {}, 'unavailable'],
    }
    const { origin } = await lineServer((req, _body, res) => {
      const [status, headers, text] = answers[String(req.headers['x-line-retry-key'])]!
      res.writeHead(status, { 'content-type': 'application/json', ...headers })
      res.end(text)
    })
    install(origin)
    const bad = await httpError(client(origin).pushMessage(push, 'bad'))
    expect(bad.status).toBe(400)
    expect(JSON.parse(String(bad.body)).message).toMatch(/1 error/)
    const repeat = await httpError(client(origin).pushMessage(push, 'repeat'))
    expect(repeat.status).toBe(409)
    expect((repeat.headers as Headers).get('x-line-accepted-request-id')).toBe('first-req')
    const busy = await httpError(client(origin).pushMessage(push, 'busy'))
    expect(busy.status).toBe(429)
    expect((busy.headers as Headers).get('retry-after')).toBe('7')
    const down = await httpError(client(origin).pushMessage(push, 'down'))
    expect(down.status).toBe(503)
    expect(down.body).toBe('unavailable')
  })

  it('rejects like fetch (a TypeError, not an HTTP error) when the connection drops', async () => {
    const { origin } = await lineServer((req) => req.socket.destroy())
    install(origin)
    const err = await client(origin)
      .pushMessage(push, 'k')
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(TypeError)
    expect(err).not.toBeInstanceOf(HTTPFetchError)
    expect((err as Error).message).toBe('fetch failed')
  })

  it('gives up on a server that does not answer within the timeout', async () => {
    const { origin } = await lineServer(() => {})
    install(origin, { timeoutMs: 150 })
    const err = await client(origin)
      .pushMessage(push, 'k')
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(TypeError)
    expect((err as { cause?: { code?: string } }).cause?.code).toBe('ETIMEDOUT')
  })

  it('gives up on an answer whose body stops half way', async () => {
    const { origin } = await lineServer((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' })
      res.write('{"sentMessages":')
    })
    install(origin, { timeoutMs: 150 })
    const err = await client(origin)
      .pushMessage(push, 'k')
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(TypeError)
    expect((err as { cause?: { code?: string } }).cause?.code).toBe('ETIMEDOUT')
  })

  it('streams a binary answer to the blob client', async () => {
    const image = Buffer.alloc(300_000)
    for (let i = 0; i < image.length; i++) image[i] = (i * 31) % 256
    const { origin } = await lineServer((req, _body, res) => {
      expect(req.url).toBe('/v2/bot/message/m1/content')
      res.writeHead(200, { 'content-type': 'image/jpeg' })
      // In pieces, as a large image arrives.
      let at = 0
      const next = () => {
        if (at >= image.length) return res.end()
        res.write(image.subarray(at, at + 65_536), next)
        at += 65_536
      }
      next()
    })
    install(origin)
    const blob = new messagingApi.MessagingApiBlobClient({
      channelAccessToken: 'token',
      baseURL: origin,
    })
    const stream = await blob.getMessageContent('m1')
    const chunks: Buffer[] = []
    for await (const chunk of stream) chunks.push(chunk as Buffer)
    expect(chunks.length).toBeGreaterThan(1)
    expect(Buffer.concat(chunks).equals(image)).toBe(true)

    const res = await fetch(`${origin}/v2/bot/message/m1/content`)
    expect(res.headers.get('content-type')).toBe('image/jpeg')
    expect(Buffer.from(await res.arrayBuffer()).equals(image)).toBe(true)
    expect(res.bodyUsed).toBe(true)
    await expect(res.text()).rejects.toThrow(TypeError)
  })

  it('keeps the connection alive across calls', async () => {
    const { origin, state } = await lineServer((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{}')
    })
    install(origin)
    const c = client(origin)
    for (let i = 0; i < 20; i++) await c.pushMessage(push, `k${i}`)
    expect(state.connections).toBe(1)
  })

  it('sends again, once, when a kept-alive socket was closed before it answered', async () => {
    // A server that drops the second request on each connection unanswered, as one does
    // that closes an idle connection just as a request arrives on it.
    const requests: number[] = []
    const server = net.createServer((socket) => {
      const connection = requests.length
      requests.push(0)
      socket.on('data', (chunk) => {
        if (!chunk.toString('latin1').includes('\r\n\r\n')) return
        requests[connection]! += 1
        if (requests[connection]! > 1) return socket.destroy()
        socket.write(
          'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\n{}',
        )
      })
    })
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    cleanups.push(() => new Promise((r) => server.close(r)))
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    install(origin)
    const c = client(origin)
    await c.pushMessage(push, 'k1')
    await c.pushMessage(push, 'k2')
    // The first connection took k1 and dropped k2; a new one answered k2.
    expect(requests).toEqual([2, 1])
  })

  it('follows an AbortSignal', async () => {
    const { origin } = await lineServer(() => {})
    install(origin)
    const abort = new AbortController()
    const pending = fetch(`${origin}/v2/bot/info`, { signal: abort.signal })
    abort.abort()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('passes everything that is not a string-bodied call to LINE to the fetch it replaced', async () => {
    const passed: string[] = []
    const fallback = (async (input: RequestInfo | URL) => {
      passed.push(String(input instanceof Request ? input.url : input))
      return new Response('fallback')
    }) as typeof fetch
    const { origin } = await lineServer((_req, _body, res) => res.end('lean'))
    const t = lineFetch([`${origin}/line`], fallback)
    cleanups.push(() => t.close())
    expect(await (await t.fetch(`${origin}/line/v2/bot/info`)).text()).toBe('lean')
    expect(await (await t.fetch(new URL(`${origin}/line`))).text()).toBe('lean')
    expect(await (await t.fetch(`${origin}/liner/x`)).text()).toBe('fallback')
    expect(await (await t.fetch('http://example.invalid/line/x')).text()).toBe('fallback')
    const image = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' })
    const post = { method: 'POST', body: image }
    expect(await (await t.fetch(`${origin}/line/richmenu`, post)).text()).toBe('fallback')
    expect(await (await t.fetch(new Request(`${origin}/line/x`))).text()).toBe('fallback')
    // What Node's fetch refuses, it refuses itself: a GET with a body, a relative URL.
    const get = { method: 'GET', body: '{}' }
    expect(await (await t.fetch(`${origin}/line/get`, get)).text()).toBe('fallback')
    expect(await (await t.fetch('/line/relative')).text()).toBe('fallback')
    expect(passed).toEqual([
      `${origin}/liner/x`,
      'http://example.invalid/line/x',
      `${origin}/line/richmenu`,
      `${origin}/line/x`,
      `${origin}/line/get`,
      '/line/relative',
    ])
  })

  it('puts the previous fetch back when undone', () => {
    const before = globalThis.fetch
    const undo = installLineFetch({
      apiBaseUrl: 'http://127.0.0.1:9',
      dataApiBaseUrl: 'http://127.0.0.1:9',
    })
    expect(globalThis.fetch).not.toBe(before)
    undo()
    expect(globalThis.fetch).toBe(before)
  })
})
