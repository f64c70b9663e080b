/**
 * The patrons a name or phone search found at the desk. Each is called up through the same
 * audited lookup as a scanned card (POST /patron with the number), after staff have checked
 * who is at the counter.
 */
import type { PatronMatch } from '../../../db/patron-search.ts'
import { COUNTER_PATH } from '../session.ts'
import { Message, PostButton } from './frame.tsx'
import { dateJa } from './labels.ts'

export function PatronMatches(p: {
  matches: PatronMatch[]
  more: boolean
  by: 'name' | 'phone'
  csrf: string
}) {
  if (p.matches.length === 0)
    return (
      <Message kind="error">
        該当する利用者が見つかりません。氏名・よみがなの一部、または電話番号（下4桁でも可）で探してください。
      </Message>
    )
  return (
    <section class="panel" aria-labelledby="matches-h">
      <h2 id="matches-h">見つかった利用者（{p.matches.length}件）</h2>
      <p class="hint">
        ご本人であることを身分証などで確かめてから呼び出してください。
        {p.more
          ? `表示は最初の20件までです。絞り込むには、${p.by === 'phone' ? '電話番号' : '氏名'}をもう少し入力してください。`
          : ''}
      </p>
      <table aria-labelledby="matches-h">
        <thead>
          <tr>
            <th scope="col">氏名</th>
            <th scope="col">よみがな</th>
            <th scope="col">電話番号</th>
            <th scope="col">有効期限</th>
            <th scope="col">利用者番号</th>
          </tr>
        </thead>
        <tbody>
          {p.matches.map((m) => (
            <tr>
              <td>{m.name}</td>
              <td>{m.nameYomi || '—'}</td>
              <td>{m.phone || '—'}</td>
              <td>{dateJa(m.expiresOn)}</td>
              <td>
                <PostButton
                  action={`${COUNTER_PATH}/patron`}
                  csrf={p.csrf}
                  fields={{ number: m.number }}
                  class="secondary"
                  label={`${m.name}さん（${m.number}）を呼び出す`}
                >
                  呼び出す
                </PostButton>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
