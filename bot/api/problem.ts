/**
 * Every non-2xx answer of /api is an `ApiError` body (liff/api-types.ts). Handlers throw an
 * `ApiProblem`; the app's error handler writes it, so a refusal can come from any depth
 * (validation, auth, a rule) and still leave the same shape and headers.
 */
import type { ApiError, ApiErrorCode } from '../../liff/api-types.ts'

export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 423 | 429 | 500 | 503

export class ApiProblem extends Error {
  override name = 'ApiProblem'
  constructor(
    readonly status: ProblemStatus,
    readonly body: ApiError,
  ) {
    super(body.code)
  }
}

export function problem(
  status: ProblemStatus,
  code: ApiErrorCode,
  message: string,
  extra: Pick<ApiError, 'field' | 'contact' | 'titleId' | 'until' | 'otherCards'> = {},
): ApiProblem {
  return new ApiProblem(status, { code, message, ...extra })
}
