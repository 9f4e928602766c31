/** HTTP statuses worth another try: a rate limit, or a server that may answer the next time. */
export const RETRY_STATUSES = [429, 500, 502, 503, 504];

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Network faults a new connection or a moment's wait may not meet again; a timed-out try is one of them. */
const RETRY_ERROR_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETDOWN',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EHOSTUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET',
  ...TIMEOUT_CODES,
]);

/** A status is judged when there is one (the answer came); otherwise the network fault's code. */
export function isRetryable(statusCode: number | undefined, code: string | undefined): boolean {
  if (statusCode !== undefined) return RETRY_STATUSES.includes(statusCode);
  return code !== undefined && RETRY_ERROR_CODES.has(code);
}

export function isTimeoutCode(code: string | undefined): boolean {
  return code !== undefined && TIMEOUT_CODES.has(code);
}
