/**
 * The counter's home in front mode (LIBRARY_SYSTEM=sip2). Patrons, loans, holds and transit
 * belong to the library's own system, which has its own staff client: bunko's desk, hold
 * shelf, pick list and transit pages would act on bunko's shadow copy of patrons and drift
 * from the library's records, so they are not mounted. What stays is bunko's own: the
 * purchase requests patrons send from LINE, the statistics of LINE links, notices and the
 * webhook (stats/charts.ts FRONT_CHARTS), and the demo clock in demo mode.
 */
import { Hono } from 'hono'
import type { Counter, CounterEnv } from './context.ts'
import { page } from './render.tsx'
import { COUNTER_PATH } from './session.ts'

export function frontHomeRoutes(k: Counter): Hono<CounterEnv> {
  const app = new Hono<CounterEnv>()
  app.get('/', (c) =>
    page(c, k, {
      title: 'カウンター',
      nav: 'desk',
      body: (
        <>
          <p>
            この図書館では、貸出・返却・予約・利用者の管理を図書館システムで行っています。これらの操作は図書館システムの業務端末でお願いします。
          </p>
          <p>
            ここでは、利用者が LINE から送った
            <a href={`${COUNTER_PATH}/requests`}>購入リクエスト</a>
            を確認できます。
            <a href={`${COUNTER_PATH}/stats`}>統計</a>
            では、LINE の連携数・お知らせの送信結果・LINE からのイベントの件数を確認できます。
          </p>
        </>
      ),
    }),
  )
  return app
}
