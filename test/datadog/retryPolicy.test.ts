import { isRetryable, isTimeoutCode } from '../../src/datadog/retryPolicy';

describe('isRetryable', () => {
  test.each([429, 500, 502, 503, 504])('HTTP %i is tried again', (status) => {
    expect(isRetryable(status, undefined)).toBe(true);
  });

  test.each([200, 400, 401, 403, 404, 422, 501, 505])('HTTP %i is not', (status) => {
    expect(isRetryable(status, undefined)).toBe(false);
  });

  test('a status is judged alone, whatever code came with it', () => {
    expect(isRetryable(404, 'ECONNRESET')).toBe(false);
  });

  test.each([
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
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT',
  ])('the network fault %s is tried again', (code) => {
    expect(isRetryable(undefined, code)).toBe(true);
  });

  test.each(['UND_ERR_RES_EXCEEDED_MAX_SIZE', 'UND_ERR_ABORTED', 'EACCES', 'ABORT_ERR', '', undefined])(
    'the fault %p is not',
    (code) => {
      expect(isRetryable(undefined, code)).toBe(false);
    },
  );
});

describe('isTimeoutCode', () => {
  test.each(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'])(
    '%s is a timeout',
    (code) => {
      expect(isTimeoutCode(code)).toBe(true);
    },
  );

  test.each(['ECONNRESET', 'UND_ERR_SOCKET', '', undefined])('%p is not', (code) => {
    expect(isTimeoutCode(code)).toBe(false);
  });
});
