/**
 * A stateful stand-in for the bot's /api, written against liff/api-types.ts, so the app can be
 * tested before the server exists: component tests route `fetch` here, browser tests route
 * Playwright's `page.route` here. Web-standard Request in, Response out.
 * It is not the rules engine: refusals are the fixtures' own, and only the checks a test
 * exercises (limit, 禁帯出, duplicate, unknown pickup place) are decided here.
 */

import { alreadyRenewed } from '../../bot/api/words.ts'
import { placedHoldsCall, placedHoldsMessage } from '../../core/hold-messages.ts'
import { HIRAKATA_POLICY } from '../../core/policy.ts'
import type {
  ApiError,
  Hold,
  Loan,
  Me,
  NotificationPrefs,
  PlaceHoldsRequest,
  RenewAllItem,
  ShelfResponse,
  TitleDetail,
} from '../../liff/api-types.ts'
import * as F from './fixtures.ts'

export interface FakeOptions {
  /** 'unlinked' answers every call with 403 not_linked. */
  user?: 'linked' | 'unlinked'
  /** Tokens the fake accepts (default: the fixture token). */
  tokens?: string[]
}

export class FakeLibrary {
  me: Me = structuredClone(F.ME)
  loans: Loan[] = F.loans()
  holds: Hold[] = F.holds()
  shelf: ShelfResponse = F.shelf()
  prefs: NotificationPrefs = structuredClone(F.PREFS)
  favourites = new Set<number>()
  /** The hold cart kept on the server, title ids in the order put in. */
  cart: number[] = []
  wanted = new Set<number>()
  /** Every call, for assertions: `GET /api/me`. */
  calls: string[] = []
  private nextId = 900
  /** Most titles a search counts, as the server's 1,000 (issue 21); a test may lower it. */
  searchCap = 1000
  /** Titles on a page of search results, as the server's 20; a test may lower it. */
  searchPageSize = 20
  /** Renewals and pickup changes are made but not listed back, as when the system stops answering. */
  unlisted = false
  /** A title's copies as a test wants them (by title id), instead of the fixture's. */
  copies = new Map<number, TitleDetail['availability']>()

  constructor(readonly options: FakeOptions = {}) {}

  async handle(req: Request): Promise<Response> {
    const url = new URL(req.url)
    const path = url.pathname
    this.calls.push(`${req.method} ${path}${url.search}`)
    const token = req.headers.get('authorization')?.replace(/^Bearer /, '')
    if (!token || !(this.options.tokens ?? [F.TOKEN]).includes(token))
      return err(401, 'unauthorized', 'ログインの有効期限が切れました。')
    if (this.options.user === 'unlinked')
      return err(403, 'not_linked', 'LINEアカウントが連携されていません。')
    const body =
      req.method === 'GET' || req.method === 'DELETE' ? null : await req.json().catch(() => ({}))
    const lang = req.headers.get('Accept-Language') === 'en' ? 'en' : 'ja'
    return this.route(req.method, path, url.searchParams, body, lang)
  }

  private route(
    method: string,
    path: string,
    q: URLSearchParams,
    // biome-ignore lint/suspicious/noExplicitAny: request bodies are untrusted JSON, checked per route
    body: any,
    lang: 'ja' | 'en',
  ): Response {
    const num = (re: RegExp) => {
      const r = path.match(re)
      return r ? Number(r[1]) : null
    }
    const loanId = num(/^\/api\/loans\/(\d+)\/renew$/)
    const holdId = num(/^\/api\/holds\/(\d+)$/)
    const titleId = num(/^\/api\/titles\/(\d+)$/)
    const favId = num(/^\/api\/favourites\/(\d+)$/)
    const wantId = num(/^\/api\/shelf\/want\/(\d+)$/)
    const historyId = num(/^\/api\/shelf\/history\/(\d+)$/)
    const cartId = num(/^\/api\/cart\/(\d+)$/)
    if (method === 'GET' && path === '/api/cart')
      return ok({ items: this.cart.map((id) => F.titleById(id)) })
    if (method === 'PUT' && cartId !== null) {
      if (!F.TITLES.some((t) => t.id === cartId))
        return err(404, 'not_found', 'この資料は見つかりませんでした。')
      if (!this.cart.includes(cartId)) this.cart.push(cartId)
      return ok({ ok: true })
    }
    if (method === 'DELETE' && cartId !== null) {
      this.cart = this.cart.filter((id) => id !== cartId)
      return ok({ ok: true })
    }
    if (method === 'GET' && path === '/api/me') return ok(this.me)
    if (method === 'GET' && path === '/api/card') {
      const { patronNumber, name, barcode, libraryName } = this.me
      return ok({ patronNumber, name, barcode, libraryName })
    }
    if (method === 'GET' && path === '/api/libraries') return ok({ places: F.PLACES })
    if (method === 'GET' && path === '/api/loans') return ok({ today: F.TODAY, loans: this.loans })
    if (method === 'POST' && path === '/api/loans/renew-all') return this.renewAll()
    if (method === 'POST' && loanId !== null) return this.renew(loanId, body?.quotedDueDate)
    if (method === 'GET' && path === '/api/holds') return ok(this.holdsResponse())
    if (method === 'POST' && path === '/api/holds') return this.place(body, lang)
    if (holdId !== null) return this.hold(method, holdId, body)
    const suspendId = num(/^\/api\/holds\/(\d+)\/suspend$/)
    if (suspendId !== null) return this.suspend(method, suspendId, body)
    if (method === 'GET' && path === '/api/search') return this.search(q)
    if (method === 'GET' && titleId !== null) return this.title(titleId)
    if (method === 'GET' && path === '/api/favourites')
      return ok({
        items: [...this.favourites].map((id) => ({ title: F.titleById(id), addedOn: F.TODAY })),
      })
    if (favId !== null) return this.toggle(this.favourites, method, favId)
    if (wantId !== null) return this.toggle(this.wanted, method, wantId)
    if (method === 'GET' && path === '/api/shelf')
      return ok({
        ...this.shelf,
        want: [...this.wanted].map((id) => ({ title: F.titleById(id), addedOn: F.TODAY })),
      })
    if (method === 'PUT' && path === '/api/shelf/history-opt-in') {
      if (typeof body?.enabled !== 'boolean')
        return err(400, 'invalid', '入力が正しくありません。', 'enabled')
      this.shelf.historyOptIn = body.enabled
      return ok({ historyOptIn: body.enabled })
    }
    if (method === 'DELETE' && path === '/api/shelf/history') {
      this.shelf.history = []
      return ok({ ok: true })
    }
    if (method === 'DELETE' && historyId !== null) {
      this.shelf.history = this.shelf.history.filter((h) => h.id !== historyId)
      return ok({ ok: true })
    }
    if (method === 'POST' && path === '/api/password') {
      if (body?.current !== 'correct-horse')
        return err(409, 'wrong_password', '現在のパスワードが違います。')
      return ok({ ok: true })
    }
    if (path === '/api/notifications') {
      if (method === 'PUT') this.prefs = { line: { ...this.prefs.line, ...body?.line } }
      // As the server: no confirmed e-mail here, so hold notices off means none at all.
      return ok({ ...this.prefs, hold_notice: this.prefs.line.hold_ready ? 'line' : 'none' })
    }
    if (method === 'POST' && path === '/api/unlink') {
      this.options.user = 'unlinked'
      return ok({ ok: true })
    }
    return err(404, 'not_found', '見つかりませんでした。')
  }

  private renew(id: number, quoted?: string): Response {
    const loan = this.loans.find((l) => l.id === id)
    if (!loan) return err(404, 'not_found', '見つかりませんでした。')
    // As the API does for a page shown before the loan was renewed elsewhere.
    if (quoted && !loan.renewable && loan.dueDate >= quoted)
      return err(409, 'already_renewed', alreadyRenewed(loan.dueDate).ja)
    if (!loan.renewable) return err(409, loan.refusal.reason, loan.refusal.message)
    const previousDueDate = loan.dueDate
    const renewed: Loan = {
      ...loan,
      dueDate: loan.newDueDate,
      renewals: loan.renewals + 1,
      renewable: false,
      newDueDate: undefined,
      quote: undefined,
      nextRenewal: '2026-05-12',
      refusal: { reason: 'no_gain', message: '延長しても返却期限は延びません。' },
    }
    this.loans = this.loans.map((l) => (l.id === id ? renewed : l))
    return ok({ loan: this.unlisted ? null : renewed, previousDueDate, dueDate: renewed.dueDate })
  }

  private renewAll(): Response {
    const results: RenewAllItem[] = this.loans.map((loan) => {
      if (!loan.renewable)
        return { loanId: loan.id, title: loan.title.name, ok: false, refusal: loan.refusal }
      const previousDueDate = loan.dueDate
      this.renew(loan.id)
      return {
        loanId: loan.id,
        title: loan.title.name,
        ok: true,
        previousDueDate,
        dueDate: loan.newDueDate,
      }
    })
    return ok({ results })
  }

  private holdsResponse() {
    const active = this.holds.filter((h) => ['waiting', 'in_transit', 'ready'].includes(h.state))
    const av = active.filter((h) => ['cd', 'dvd', 'video'].includes(h.title.materialType)).length
    return { holds: this.holds, counts: { total: active.length, av }, limits: { total: 15, av: 6 } }
  }

  private hold(
    method: string,
    id: number,
    body: { pickupPlaceId?: unknown; wholeSet?: unknown } | null,
  ): Response {
    const hold = this.holds.find((h) => h.id === id)
    if (!hold) return err(404, 'not_found', '見つかりませんでした。')
    if (method === 'DELETE') {
      if (!hold.cancellable)
        return err(409, hold.refusal.reason, hold.refusal.message, undefined, hold.refusal.contact)
      this.holds = this.holds.filter((h) => h.id !== id)
      return ok({ ok: true })
    }
    if (method === 'PATCH') {
      const place = F.PLACES.find((p) => p.id === body?.pickupPlaceId)
      if (!place) return err(400, 'invalid', '受取場所を選び直してください。', 'pickupPlaceId')
      if (hold.pickupChangeRefusal)
        return err(409, hold.pickupChangeRefusal.reason, hold.pickupChangeRefusal.message)
      const pickupPlace = { id: place.id, name: place.name, kind: place.kind, phone: place.phone }
      const group = body?.wholeSet === true ? hold.set?.groupId : undefined
      const moves = (h: Hold) =>
        h.id === id || (group !== undefined && h.set?.groupId === group && h.state === 'waiting')
      this.holds = this.holds.map((h) => (moves(h) ? { ...h, pickupPlace } : h))
      const changed = this.holds.filter(moves)
      if (this.unlisted) return ok({ hold: null, changed: [] })
      return ok({ hold: changed.find((h) => h.id === id), changed })
    }
    return err(404, 'not_found', '見つかりませんでした。')
  }

  /** HOLD-SUSPEND as the server answers it: waiting holds only, until a day up to `latest`. */
  private suspend(method: string, id: number, body: { until?: unknown } | null): Response {
    const hold = this.holds.find((h) => h.id === id)
    if (!hold?.suspend) return err(404, 'not_found', '見つかりませんでした。')
    const latest = hold.suspend.latest
    let until: string | null = null
    if (method === 'POST') {
      if (typeof body?.until !== 'string')
        return err(400, 'invalid', '日付を選んでください。', 'until')
      if (body.until > latest)
        return err(
          409,
          'too_far',
          '休止できるのは今日から90日後までです。それより前の日付を選んでください。',
        )
      until = body.until
    } else if (!hold.suspend.until) return err(409, 'not_suspended', 'この予約は休止していません。')
    const changed = { ...hold, suspend: { until, latest } }
    this.holds = this.holds.map((h) => (h.id === id ? changed : h))
    return ok({ hold: changed })
  }

  private place(body: PlaceHoldsRequest, lang: 'ja' | 'en'): Response {
    const ids = Array.isArray(body?.titleIds) ? body.titleIds : []
    if (ids.length === 0) return err(409, 'empty', '予約する資料が選ばれていません。')
    const place = F.PLACES.find((p) => p.id === body.pickupPlaceId)
    if (!place) return err(409, 'pickup', '選ばれた受取場所が見つかりません。')
    const total = this.holdsResponse().counts.total
    if (total + ids.length > 15)
      return err(
        409,
        'limit',
        `予約は15点までです。現在15点中${total}点予約中のため、予約できません。`,
      )
    for (const id of ids) {
      const t = F.titleById(id)
      if (t.notForLoan)
        return err(
          409,
          'not_for_loan',
          `「${t.name}」は禁帯出資料のため、予約できません。`,
          undefined,
          undefined,
          id,
        )
      if (this.holds.some((h) => h.title.id === id) || this.loans.some((l) => l.title.id === id))
        return err(
          409,
          'duplicate',
          `「${t.name}」はすでに予約されています。`,
          undefined,
          undefined,
          id,
        )
    }
    const group = this.nextId++
    const created: Hold[] = ids.map((id) => {
      const t = F.titleById(id)
      const vols = t.set ? ids.filter((x) => F.titleById(x).set?.setId === t.set?.setId) : []
      const set =
        vols.length > 1
          ? {
              groupId: group,
              volume: t.set?.volumes.find((v) => v.titleId === id)?.volume ?? 1,
              of: vols.length,
            }
          : null
      return {
        id: this.nextId++,
        title: t,
        state: 'waiting',
        queuePosition: 1,
        placedOn: F.TODAY,
        pickupPlace: { id: place.id, name: place.name, kind: place.kind, phone: place.phone },
        pickupBy: null,
        visit: null,
        inLocker: false,
        set,
        pickupChangeRefusal: null,
        notice: null,
        transit: null,
        suspend: { until: null, latest: '2026-08-09' },
        cancellable: true,
      }
    })
    this.holds = [...this.holds, ...created]
    this.cart = this.cart.filter((id) => !ids.includes(id))
    // As the server words it: core's confirmation with the default (Hirakata) policy, for a
    // patron whose LINE hold notices are on (the fixture's prefs).
    const notice = {
      followed: true,
      holdReady: this.prefs.line.hold_ready,
      channel: 'line' as const,
      emailConfirmed: false,
    }
    const message = placedHoldsMessage(created, HIRAKATA_POLICY, notice)[lang]
    const call = placedHoldsCall(created, HIRAKATA_POLICY, notice)
    const contact = call ? { contact: { name: call[lang], phone: call.phone } } : {}
    return json(201, { holds: created, message, ...contact })
  }

  private search(q: URLSearchParams): Response {
    const text = (q.get('q') ?? '').trim()
    if (!text) return err(400, 'invalid', '探したいことばを入力してください。', 'q')
    // As the server: a page is 1–999; one past the end has no results, and the total.
    const asked = q.get('page') ?? '1'
    if (!/^[1-9]\d{0,2}$/.test(asked))
      return err(400, 'invalid', 'ページ番号の内容が正しくありません。', 'page')
    const page = Number(asked)
    const found = F.TITLES.filter((t) => t.name.includes(text) || t.author.includes(text))
    const hits = found.slice(0, this.searchCap)
    const pageSize = this.searchPageSize
    const results = hits.slice((page - 1) * pageSize, page * pageSize).map((t) => ({
      ...t,
      copies: 2,
      onShelf: t.notForLoan ? 0 : 1,
      publisher: '淀川書房',
      year: 2000 + t.id,
    }))
    const totalCapped = found.length > this.searchCap
    return ok({ q: text, page, pageSize, total: hits.length, results, totalCapped })
  }

  private title(id: number): Response {
    if (!F.TITLES.some((t) => t.id === id))
      return err(404, 'not_found', 'この資料は見つかりませんでした。')
    const d: TitleDetail = {
      ...F.detail(id),
      ...(this.copies.has(id) ? { availability: this.copies.get(id)! } : {}),
      favourite: this.favourites.has(id),
      wanted: this.wanted.has(id),
    }
    return ok(d)
  }

  private toggle(set: Set<number>, method: string, id: number): Response {
    if (method === 'PUT') set.add(id)
    else if (method === 'DELETE') set.delete(id)
    else return err(404, 'not_found', '見つかりませんでした。')
    return ok({ ok: true })
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  })
}

function ok(body: unknown): Response {
  return json(200, body)
}

function err(
  status: number,
  code: ApiError['code'],
  message: string,
  field?: string,
  contact?: ApiError['contact'],
  titleId?: number,
): Response {
  const body: ApiError = { code, message }
  if (field) body.field = field
  if (contact) body.contact = contact
  if (titleId) body.titleId = titleId
  return json(status, body)
}
