/**
 * LINE's error bodies. The Messaging API answers `{ message, details?: [{ message, property }] }`;
 * LINE Login answers OAuth-style `{ error, error_description }`.
 */

export interface ErrorDetail {
  message: string
  property: string
}

export function lineErrorBody(message: string, details?: ErrorDetail[]) {
  return details && details.length > 0 ? { message, details } : { message }
}

/** The 400 LINE gives when a request body fails validation. */
export function validationErrorBody(details: ErrorDetail[]) {
  return lineErrorBody(`The request body has ${details.length} error(s)`, details)
}

export const MESSAGES = {
  authRequired:
    "Authorization header required. Must follow the scheme, 'Authorization: Bearer <ACCESS TOKEN>'",
  authFailed:
    'Authentication failed. Confirm that the access token in the authorization header is valid.',
  invalidReplyToken: 'Invalid reply token',
  notFound: 'Not found',
  retryKeyAccepted: 'The retry key is already accepted',
  retryKeyInvalid: "The value for the 'X-Line-Retry-Key' header is invalid",
  retryKeyUnsupported: "The 'X-Line-Retry-Key' header is not supported by this API",
  monthlyLimit: 'You have reached your monthly limit.',
  rateLimit: 'The API rate limit has been exceeded. Try again later.',
  tooLarge: 'Request Entity Too Large',
  internal: 'Internal server error',
  failedToSend: 'Failed to send messages',
  imageNotUploaded: 'must upload richmenu image before applying it to user',
  imageAlreadyUploaded: 'An image has already been uploaded to the richmenu',
  noDefaultRichMenu: 'no default richmenu',
  userHasNoRichMenu: 'the user has no richmenu',
  richMenuNotFound: 'richmenu not found',
  aliasConflict: 'conflict richmenu alias id',
  aliasNotFound: 'richmenu alias not found',
} as const

export function invalidJson(): { message: string } {
  return { message: 'The request body could not be parsed as JSON' }
}

/** `The property, 'x', in the request body is invalid (line: -, column: -)` */
export function invalidProperty(property: string): { message: string } {
  return {
    message: `The property, '${property}', in the request body is invalid (line: -, column: -)`,
  }
}
