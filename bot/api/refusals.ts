/**
 * Refusals from core/ and db/ as API answers: a rule's refusal is 409 with its typed reason as
 * the code and its own sentence; a thing that does not exist (or is not this patron's) is
 * 404; input the database could not act on is 400. The sentence is always the one core/ or
 * db/ wrote, in the answer's language.
 */

import type { InputReason } from '../../core/library-system.ts'
import type { Refusal } from '../../core/types.ts'
import type { ApiErrorCode, Contact, Lang } from '../../liff/api-types.ts'
import { type ApiProblem, problem } from './problem.ts'
import { WORDS } from './words.ts'

const INPUT_REASONS: Record<InputReason, true> = {
  invalid_input: true,
  unknown_patron: true,
  unknown_title: true,
  unknown_copy: true,
  unknown_hold: true,
  unknown_loan: true,
  unknown_place: true,
  conflict: true,
  library_refused: true,
}

export function isInputReason(reason: string): reason is InputReason {
  return reason in INPUT_REASONS
}

/** db/'s input refusals: 400, 403 (the patron vanished), 404, or 409 for a lost race. */
export function inputProblem(
  refusal: Refusal<InputReason>,
  lang: Lang,
  field?: string,
): ApiProblem {
  const message = refusal.message[lang]
  switch (refusal.reason) {
    case 'invalid_input':
      return problem(400, 'invalid', message, field ? { field } : {})
    case 'unknown_patron':
      return problem(403, 'not_linked', WORDS.notLinked[lang])
    case 'library_refused':
      // Front mode: the ILS said no in its own words; a rule-like refusal, not a missing thing.
      return problem(409, 'internal', message)
    case 'conflict':
      // The contract has no code for a concurrent change; the sentence says to refresh.
      return problem(409, 'internal', message)
    default:
      return problem(404, 'not_found', message)
  }
}

/** A rule's refusal: 409 with the rule's reason (renamed where the contract says so). */
export function ruleProblem(
  code: ApiErrorCode,
  refusal: Refusal<string>,
  lang: Lang,
  extra: { contact?: Contact; titleId?: number } = {},
): ApiProblem {
  return problem(409, code, refusal.message[lang], extra)
}
