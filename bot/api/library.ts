/**
 * The API's side of the LibrarySystem port: an answer that says the library's system cannot
 * be reached becomes 503 `library_unavailable` with a plain sentence (never a 500); anything
 * else is handed back for the route to decide on.
 */
import { type Answer, type Decision, isUnavailable, type Refusal } from '../../core/index.ts'
import type { InputReason } from '../../core/library-system.ts'
import type { Lang } from '../../liff/api-types.ts'
import { problem } from './problem.ts'
import { inputProblem, isInputReason, ruleProblem } from './refusals.ts'

export function answered<T, R extends string>(answer: Answer<T, R>, lang: Lang): Decision<T, R> {
  if (isUnavailable(answer)) throw problem(503, 'library_unavailable', answer.message[lang])
  return answer as Decision<T, R>
}

/**
 * The value of an answer the route has no refusal of its own for (a list, a place): the
 * system being down is 503, an input refusal is said as one, anything else as a rule's.
 */
export function reached<T, R extends string>(answer: Answer<T, R>, lang: Lang): T {
  const decided = answered(answer, lang)
  if (decided.ok) return decided.value
  if (isInputReason(decided.reason)) throw inputProblem(decided as Refusal<InputReason>, lang)
  throw ruleProblem('internal', decided, lang)
}
