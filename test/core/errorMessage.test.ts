import { errorCode } from '../../src/core/errorMessage';

describe('errorCode', () => {
  test("reads the error's own code first", () => {
    expect(errorCode(Object.assign(new Error('x'), { code: 'EPIPE', cause: { code: 'ECONNRESET' } }))).toBe('EPIPE');
  });

  test("reads the cause's code when the error has none: undici wraps socket errors", () => {
    expect(errorCode(new Error('fetch failed', { cause: Object.assign(new Error('y'), { code: 'ECONNRESET' }) }))).toBe(
      'ECONNRESET',
    );
  });

  test.each([
    ['a number code', { code: 42 }],
    ['a number code in the cause', { cause: { code: 42 } }],
    ['no code', new Error('plain')],
    ['null', null],
    ['a string', 'ECONNRESET'],
  ])('%s gives none', (_what, err) => {
    expect(errorCode(err)).toBeUndefined();
  });
});
