/**
 * In demo mode the LINE simulator is mounted in this same Worker, and the bot's LINE clients
 * are pointed at the Worker's own public URL. @line/bot-sdk calls the global `fetch` and takes
 * no fetch of its own, and a Worker cannot reach its own URL over the network, so requests
 * to that origin are answered in-process instead. Only origins registered here are routed;
 * every other request goes to the runtime's fetch unchanged. Never used outside demo mode.
 */
export type Handler = (request: Request) => Promise<Response>

const routes = new Map<string, Handler>()
let networkFetch: typeof fetch | null = null

/** Answer requests to `origin` with `handler` instead of the network. */
export function routeInProcess(origin: string, handler: Handler): void {
  routes.set(new URL(origin).origin, handler)
  if (networkFetch) return
  const original = globalThis.fetch
  networkFetch = original
  globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input)
    const handler = routes.get(originOf(url))
    return handler ? handler(new Request(input, init)) : original(input, init)
  }) as typeof fetch
}

function originOf(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return ''
  }
}
