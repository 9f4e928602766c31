/** Why a call got no answer from Slack or Datadog, dug out of the wrappers undici and Slack's SDK put around it. */

export type NetworkCause = 'refused' | 'dns' | 'timeout' | 'tls' | 'proxy_refused' | 'cut' | 'no_route' | 'bad_port';

export interface NetworkFailure {
  cause: NetworkCause;
  /** The system's or undici's code (ECONNREFUSED, ENOTFOUND…), or the proxy's HTTP status as `HTTP 403`. */
  code: string;
}

const CAUSE_OF_CODE: Record<string, NetworkCause> = {
  ECONNREFUSED: 'refused',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_NONAME: 'dns',
  EAI_FAIL: 'dns',
  ETIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  ECONNRESET: 'cut',
  EPIPE: 'cut',
  UND_ERR_SOCKET: 'cut',
  UND_ERR_CLOSED: 'cut',
  ENETUNREACH: 'no_route',
  EHOSTUNREACH: 'no_route',
  ENETDOWN: 'no_route',
  EHOSTDOWN: 'no_route',
  EPROTO: 'tls',
  ERR_TLS_CERT_ALTNAME_INVALID: 'tls',
  UND_ERR_PRX_TLS: 'tls',
};

/** OpenSSL's certificate verdicts (DEPTH_ZERO_SELF_SIGNED_CERT, CERT_HAS_EXPIRED…) and Node's ERR_SSL_* codes. */
const TLS_CODE = /CERT|^ERR_SSL_|^ERR_TLS_/;
/** undici's ProxyAgent, when the proxy answers CONNECT with anything but 200 (and 407, its own wording). */
const PROXY_ANSWER = /Proxy response \((\d{3})\) !== 200|Proxy Authentication Required \((\d{3})\)/;
/** fetch's own refusal of a port the Fetch standard blocks (25, 6000…): an Error with no code, before any connection. */
const BAD_PORT = 'bad port';
/** Depth enough for fetch failed → WebAPIRequestError → its cause → an AggregateError's first error. */
const MAX_DEPTH = 6;

interface ErrorLike {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  cause?: unknown;
  original?: unknown;
  errors?: unknown;
}

function fromOne(err: ErrorLike): NetworkFailure | undefined {
  const proxy = typeof err.message === 'string' ? PROXY_ANSWER.exec(err.message) : null;
  if (proxy) return { cause: 'proxy_refused', code: `HTTP ${proxy[1] ?? proxy[2]}` };
  if (err.message === BAD_PORT) return { cause: 'bad_port', code: BAD_PORT };
  if (typeof err.code === 'string') {
    const cause = CAUSE_OF_CODE[err.code] ?? (TLS_CODE.test(err.code) ? 'tls' : undefined);
    if (cause) return { cause, code: err.code };
  }
  // AbortSignal.timeout(), as Slack's WebClient bounds each call with.
  if (err.name === 'TimeoutError') return { cause: 'timeout', code: 'TimeoutError' };
  return undefined;
}

/** The innermost cause that says why, following `cause`, Slack's `original` and an AggregateError's `errors`. */
export function classifyNetworkError(err: unknown, depth = 0): NetworkFailure | undefined {
  if (typeof err !== 'object' || err === null || depth > MAX_DEPTH) return undefined;
  const error = err as ErrorLike;
  const inner = [error.cause, error.original, ...(Array.isArray(error.errors) ? error.errors.slice(0, 1) : [])];
  for (const next of inner) {
    const found = classifyNetworkError(next, depth + 1);
    if (found) return found;
  }
  return fromOne(error);
}
