/** @jsxImportSource preact */
/**
 * 詳細: availability per library, セット資料 (HOLD-SET), 禁帯出 (HOLD-NONCIRC); into the cart, one
 * volume or the whole set; favourite and want-to-read toggles.
 */
import { ID_TEXT } from '../../../core/ids.ts'
import type { OkResponse, SetInfo, TitleDetail, TitleSummary } from '../../api-types.ts'
import { api } from '../api.ts'
import { useCapabilities } from '../capabilities.ts'
import { date } from '../format.ts'
import { type Resource, useAction, useApi, useCart } from '../hooks.ts'
import { t } from '../i18n/index.ts'
import { href } from '../router.ts'
import { addToCart } from '../store.ts'
import { ErrorNote, Loading, Page } from '../ui/common.tsx'
import { Elsewhere } from '../ui/Elsewhere.tsx'
import { Linked } from '../ui/Linked.tsx'

/** The cart keeps what it needs to list a title; a set's other volumes are named from the set. */
export function summary(d: TitleSummary): TitleSummary {
  const { id, name, author, materialType, volumeLabel, set, notForLoan } = d
  return { id, name, author, materialType, volumeLabel, set, notForLoan }
}

export function setVolumes(d: TitleSummary): TitleSummary[] {
  if (!d.set) return [summary(d)]
  return d.set.volumes.map((v) =>
    v.titleId === d.id
      ? summary(d)
      : { ...summary(d), id: v.titleId, name: `${d.set?.name} ${v.label}`, volumeLabel: v.label },
  )
}

// Here before it was shared: the cart and confirm pages still import it from this page.
export { useCart }

export function TitlePage({ id }: { id: string }) {
  // A malformed id (#/title/abc) is not asked for: no title has it.
  const valid = ID_TEXT.test(id)
  const res = useApi<TitleDetail>(valid ? `/api/titles/${id}` : null)
  const d = res.data
  // 404, or 400 for an id the server will not read: asking again cannot find it.
  const missing = !valid || res.error?.status === 404 || res.error?.status === 400
  return (
    <Page title={heading(res, missing)}>
      {missing ? <NotFound /> : res.error && <ErrorNote error={res.error} retry={res.reload} />}
      {res.loading && !d && <Loading />}
      {d && <Detail d={d} onChange={res.set} />}
    </Page>
  )
}

/** The title's name, or what kept it from the page: not found, the network, the server. */
function heading(res: Resource<TitleDetail>, missing: boolean): string {
  if (res.data) return res.data.name
  if (missing) return t.title.notFoundTitle
  if (res.error) return res.error.status === 0 ? t.title.offlineTitle : t.title.failedTitle
  return t.loading
}

function NotFound() {
  return (
    <div class="error" role="alert">
      <p>{t.title.notFound}</p>
      <a class="button secondary" href={href('search')}>
        {t.title.toSearch}
      </a>
    </div>
  )
}

function Detail({ d, onChange }: { d: TitleDetail; onChange: (d: TitleDetail) => void }) {
  const cart = useCart()
  const caps = useCapabilities()
  const action = useAction()
  const inCart = cart.some((c) => c.id === d.id)
  const toggle = (what: 'favourite' | 'wanted') =>
    action.run(async () => {
      const on = !d[what]
      const path = what === 'favourite' ? `/api/favourites/${d.id}` : `/api/shelf/want/${d.id}`
      await api<OkResponse>(on ? 'PUT' : 'DELETE', path)
      onChange({ ...d, [what]: on })
    })
  return (
    <>
      <p class="meta">
        {d.author}
        {d.set && <span class="mark">{t.search.setMark(d.set.volumes.length)}</span>}
        {d.notForLoan && <span class="mark">{t.search.notForLoan}</span>}
      </p>
      <dl class="facts">
        <dt>{t.title.publisher}</dt>
        <dd>{d.publisher}</dd>
        {d.year && <dt>{t.title.year}</dt>}
        {d.year && <dd>{d.year}</dd>}
      </dl>
      {d.set && <SetNote d={d} set={d.set} />}
      {!caps ? null : !caps.holds ? (
        <Elsewhere what="holds" caps={caps} />
      ) : d.holdRefusal ? (
        <p class="refusal">
          {/* 「…予約中一覧でご確認ください」: the list it names is a link to it. */}
          <Linked text={d.holdRefusal.message} name={t.title.holdsList} to="holds" />
        </p>
      ) : inCart ? (
        <p>
          <a class="button secondary" href={href('cart')}>
            {t.title.inCart}
          </a>
        </p>
      ) : (
        <div class="actions">
          <button type="button" onClick={() => action.run(() => addToCart(summary(d)))}>
            {t.title.addToCart}
          </button>
          {d.set && (
            <button type="button" onClick={() => action.run(() => addToCart(...setVolumes(d)))}>
              {t.title.addSet}
            </button>
          )}
        </div>
      )}
      <div class="actions">
        <button
          type="button"
          class="secondary"
          aria-pressed={d.favourite}
          onClick={() => toggle('favourite')}
        >
          {d.favourite ? t.title.favRemove : t.title.favAdd}
        </button>
        <button
          type="button"
          class="secondary"
          aria-pressed={d.wanted}
          onClick={() => toggle('wanted')}
        >
          {d.wanted ? t.title.wantRemove : t.title.wantAdd}
        </button>
      </div>
      <p class="note">{t.title.marksNote}</p>
      {action.error && <ErrorNote error={action.error} />}
      <h2>{t.title.availability}</h2>
      {d.availability === null && <p class="note">{t.title.down}</p>}
      {!!d.queueLength && <p>{t.title.queue(d.queueLength)}</p>}
      <ul class="items">
        {d.availability?.map((a) => (
          <li key={a.library.id} class="item">
            <h3 class="item-title">{a.library.name}</h3>
            <ul class="copies">
              {a.copies.map((c, i) => (
                <li key={i}>
                  {t.title.status[c.status]}
                  {c.dueDate && `${t.paren[0]}${t.title.returnBy(date(c.dueDate))}${t.paren[1]}`}
                  <span class="sub">
                    {/* In transit, where it is is where it is going: said so (a walk read the
                        place as a shelf). */}
                    {c.status === 'in_transit' && c.location
                      ? t.title.transitTo(c.location)
                      : c.location}{' '}
                    {c.callNumber}
                  </span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </>
  )
}

function SetNote({ d, set }: { d: TitleDetail; set: SetInfo }) {
  return (
    <section class="note-box" aria-label={t.search.setMark(set.volumes.length)}>
      <p>{t.title.setNote}</p>
      <p id="set-volumes">{t.title.volumes}</p>
      {/* Each volume a target big enough to tap; this title's own is marked, not a link. */}
      <ul class="volumes" aria-labelledby="set-volumes">
        {set.volumes.map((v) => (
          <li key={v.titleId}>
            {v.titleId === d.id ? (
              <strong aria-current="page">{t.title.volume(v.label, v.volume)}</strong>
            ) : (
              <a href={href(`title/${v.titleId}`)}>{t.title.volume(v.label, v.volume)}</a>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
