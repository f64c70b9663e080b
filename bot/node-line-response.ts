/**
 * The answer of the Node LINE transport (node-line-fetch.ts): a real `Response` (status,
 * headers, `instanceof Response`) whose body is read from the node:http message directly.
 * Node's own `new Response(body)` wraps every body in a web ReadableStream, about 30 µs of CPU
 * an answer; here a JSON or text answer is already a Buffer and `text()`/`json()` decode it,
 * and a binary answer (an image from the blob client) stays a node:http stream until someone
 * reads it, so it is never held in memory whole. Every body method `Response` has is overridden
 * (`bytes()` too: Node 20.16+ has it, and the inherited one would read the empty body given to
 * `super`). Unlike `fetch`, an AbortSignal stops a request only until its answer's headers: a
 * binary answer already streaming is not cut by it (LINE's binary answers are images, read
 * whole by the caller).
 */
import { Blob, Buffer } from 'node:buffer'
import type { IncomingMessage } from 'node:http'
import { Readable } from 'node:stream'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'

/** The answer's body: read already (JSON, text, errors) or still on the socket (binary). */
export type LineBody =
  | { kind: 'buffer'; data: Buffer }
  | { kind: 'stream'; message: IncomingMessage }

/** Whether an answer of this type is read whole before the caller sees it. */
export function isSmallBody(contentType: string | undefined): boolean {
  if (!contentType) return true
  return /^(application\/([\w.+-]*\+)?json|text\/)/i.test(contentType)
}

export class LineResponse extends Response {
  #body: LineBody
  #used = false
  #stream: ReadableStream<Uint8Array<ArrayBuffer>> | null = null
  readonly #url: string

  constructor(message: IncomingMessage, body: LineBody, url: string) {
    // A null body keeps Node from building a web stream; the body methods below read `body`.
    super(null, { status: message.statusCode ?? 0, statusText: message.statusMessage ?? '' })
    const raw = message.rawHeaders
    for (let i = 0; i < raw.length; i += 2) this.headers.append(raw[i]!, raw[i + 1]!)
    this.#body = body
    this.#url = url
  }

  override get url(): string {
    return this.#url
  }

  override get bodyUsed(): boolean {
    return this.#used
  }

  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    if (this.#stream) return this.#stream
    const body = this.#body
    const source = body.kind === 'buffer' ? Readable.from([body.data]) : body.message
    this.#stream = Readable.toWeb(source) as NodeReadableStream<
      Uint8Array<ArrayBuffer>
    > as ReadableStream<Uint8Array<ArrayBuffer>>
    return this.#stream
  }

  /** The whole body, once, as `Response` allows. */
  async #bytes(): Promise<Buffer> {
    if (this.#used) throw new TypeError('Body is unusable: Body has already been read')
    this.#used = true
    const body = this.#body
    if (this.#stream) {
      const chunks: Uint8Array[] = []
      for await (const chunk of this.#stream as unknown as AsyncIterable<Uint8Array>)
        chunks.push(chunk)
      return Buffer.concat(chunks)
    }
    if (body.kind === 'buffer') return body.data
    const chunks: Buffer[] = []
    for await (const chunk of body.message) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks)
  }

  override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    const bytes = await this.#bytes()
    return new Uint8Array(
      bytes.buffer,
      bytes.byteOffset,
      bytes.byteLength,
    ) as Uint8Array<ArrayBuffer>
  }

  override async text(): Promise<string> {
    return (await this.#bytes()).toString('utf8')
  }

  override async json(): Promise<unknown> {
    return JSON.parse(await this.text())
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await this.#bytes()
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
  }

  override async blob(): Promise<globalThis.Blob> {
    const type = this.headers.get('content-type') ?? ''
    return new Blob([await this.#bytes()], { type }) as globalThis.Blob
  }

  override async formData(): Promise<FormData> {
    return new Response(new Uint8Array(await this.#bytes()), { headers: this.headers }).formData()
  }

  /** A copy of a read-whole answer; a streamed one cannot be copied before it is read. */
  override clone(): Response {
    if (this.#used) throw new TypeError('Response.clone: Body has already been consumed.')
    if (this.#body.kind === 'stream' || this.#stream)
      throw new TypeError('Response.clone: a streamed LINE answer cannot be cloned')
    return new Response(new Uint8Array(this.#body.data), {
      status: this.status,
      statusText: this.statusText,
      headers: this.headers,
    })
  }
}
