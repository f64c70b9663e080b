/** @jsxImportSource preact */
/**
 * A sentence from the server (core's words, shared with the LINE bot) that names one of the
 * app's lists, such as 「予約状況は予約中一覧でご確認ください。」: in the app the name becomes a
 * link to that list, so the sentence is not a dead end. A sentence without the name is shown
 * as it is.
 */
import { href } from '../router.ts'

export function Linked({ text, name, to }: { text: string; name: string; to: string }) {
  const at = text.indexOf(name)
  if (at < 0) return <>{text}</>
  return (
    <>
      {text.slice(0, at)}
      <a href={href(to)}>{name}</a>
      {text.slice(at + name.length)}
    </>
  )
}
