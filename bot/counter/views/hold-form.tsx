/**
 * 窓口予約 on the patron screen: the form, and what came of it (bot/counter/place-hold.ts). A
 * refusal is shown at the form with the cursor in its field and what was typed, to correct (a
 * librarian's walk found it two screens up, the cursor in 貸出, where a rescan would have lent
 * the book); a hold placed is said at the top with the cursor back in 貸出, as the next thing
 * scanned is most likely a book to lend, which the hold field would take for another hold.
 */
import type { Child } from 'hono/jsx'
import type { HoldOutcome } from '../place-hold.ts'
import { COUNTER_PATH } from '../session.ts'
import { REFUSAL } from './audit-words.ts'
import { Message } from './frame.tsx'
import { PLACE_KIND, phoneWords, UNREACHABLE_WHY } from './labels.ts'

export interface PickupChoice {
  id: number
  name: string
  kind: string
}

/**
 * The book by ISBN or a copy's barcode, and where to collect it: the desk's library first
 * chosen, as a patron at the counter most often collects where they stand.
 */
/**
 * What the form shows again after an attempt: its outcome, and after a refusal the values to
 * retry with (`item` set: the cursor goes to the form).
 */
export interface HoldFormState {
  result: Child
  item?: string
  pickupPlaceId?: number
  wholeSet?: boolean
}

/** Whether the form takes the cursor: after a refusal, to correct and send again. */
export const retrying = (state?: HoldFormState) => state?.item !== undefined

export function HoldForm(p: {
  patronId: number
  csrf: string
  places: PickupChoice[]
  deskPlaceId: number | null
  state?: HoldFormState
}) {
  const chosen = p.state?.pickupPlaceId ?? p.deskPlaceId
  const outcome = p.state ? ' hold-outcome' : ''
  return (
    <>
      {/* Before the form, not in it: the matches of typed words are forms of their own. */}
      {p.state && <div id="hold-outcome">{p.state.result}</div>}
      <form method="post" action={`${COUNTER_PATH}/patrons/${p.patronId}/holds`} autocomplete="off">
        <input type="hidden" name="_csrf" value={p.csrf} />
        <p>
          <label for="hold-item">
            予約する資料
            <span class="hint" id="hold-item-hint">
              ISBN（本の裏表紙の978・979で始まるバーコード）、資料のバーコード、または書名を入力してください。
            </span>
          </label>
          <input
            id="hold-item"
            name="item"
            type="text"
            autocomplete="off"
            spellcheck={false}
            required
            maxlength={64}
            aria-describedby={`hold-item-hint${outcome}`}
            value={p.state?.item ?? ''}
            autofocus={retrying(p.state)}
            data-scan
          />
        </p>
        <p>
          <label for="hold-pickup">受取場所</label>
          <select id="hold-pickup" name="pickup" required>
            {p.places.map((pl) => (
              <option value={String(pl.id)} selected={pl.id === chosen}>
                {withKind(pl)}
              </option>
            ))}
          </select>
        </p>
        <p>
          <label class="choice">
            <input type="checkbox" name="set" value="1" checked={p.state?.wholeSet === true} />
            セット資料（上・下巻など）は、全巻をまとめて予約する
          </label>
        </p>
        <button type="submit">予約する</button>
      </form>
    </>
  )
}

function withKind(pl: PickupChoice): string {
  const kind = PLACE_KIND[pl.kind] ?? pl.kind
  return pl.name.includes(kind) ? pl.name : `${pl.name}（${kind}）`
}

/** Nothing placed: why in the counter's words, then core's sentence to read to the patron. */
export function HoldRefused(p: { why: string; toPatron?: string }) {
  return (
    <Message kind="error">
      <strong>予約できません：{p.why}</strong>
      {p.toPatron && (
        <>
          <br />
          お客様への説明：{p.toPatron}
        </>
      )}
    </Message>
  )
}

export function HoldResult(p: { outcome: HoldOutcome }) {
  const o = p.outcome
  if (!o.ok) return <HoldRefused why={REFUSAL[o.reason] ?? o.reason} toPatron={o.message} />
  return (
    <Message kind="ok">
      <strong>予約を受け付けました</strong>
      <br />「{o.title}」{o.volumes > 1 && `ほか${o.volumes - 1}巻（セット予約）`}　受取場所：
      {o.place}
      （予約順位は下の「予約」の一覧のとおりです）
      <br />
      {o.reach
        ? `${UNREACHABLE_WHY[o.reach.why]}、用意ができてもお知らせは届きません。用意ができたら電話でご連絡ください（${phoneWords(o.reach)}）。予約棚の画面にも表示されます。`
        : '用意ができたら、LINEでお知らせします。'}
    </Message>
  )
}
