/** Render a signed-in counter page inside the frame. */
import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { type Counter, type CounterEnv, deskPlace } from './context.ts'
import { DONE_PARAM } from './flash.ts'
import { COUNTER_PATH } from './session.ts'
import { Frame, type NavKey } from './views/frame.tsx'

/**
 * Where the demo clock buttons bring staff back to: this page, when it is a plain GET; without
 * the `done` of a redirect (flash.ts), whose outcome has been shown.
 */
function backPath(c: Context<CounterEnv>): string {
  if (c.req.method !== 'GET') return ''
  const url = new URL(c.req.url)
  url.searchParams.delete(DONE_PARAM)
  return url.pathname.slice(COUNTER_PATH.length) + url.search
}

export async function page(
  c: Context<CounterEnv>,
  k: Counter,
  p: { title: string; nav: NavKey; body: Child; status?: ContentfulStatusCode },
) {
  const session = c.get('session')
  const place = await deskPlace(c, k)
  return c.html(
    <Frame
      title={p.title}
      nav={p.nav}
      signedIn={{
        staffName: session.staff.name,
        csrf: session.csrf,
        placeName: place?.name ?? null,
        front: k.front,
      }}
      demoNow={k.demoClock ? k.now() : undefined}
      back={backPath(c)}
    >
      {p.body}
    </Frame>,
    p.status ?? 200,
  )
}
