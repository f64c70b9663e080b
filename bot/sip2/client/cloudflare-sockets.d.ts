/**
 * The part of `cloudflare:sockets` the Workers SIP2 socket uses. The full types live in
 * @cloudflare/workers-types, which cannot be loaded next to Node's and the DOM's globals.
 */
declare module 'cloudflare:sockets' {
  interface CloudflareSocket {
    readonly readable: ReadableStream<Uint8Array>
    readonly writable: WritableStream<Uint8Array>
    readonly opened: Promise<unknown>
    readonly closed: Promise<void>
    close(): Promise<void>
  }
  export function connect(
    address: { hostname: string; port: number },
    options?: { secureTransport?: 'off' | 'on' | 'starttls'; allowHalfOpen?: boolean },
  ): CloudflareSocket
}
