import type { JsonValue } from '../../src/core/run';
import { HIDDEN_VALUE, shownParameterValue } from '../../src/render/parameterMask';

const shown = (name: string, value: JsonValue) => shownParameterValue({ name, value });

describe('hidden by name, whatever the value', () => {
  test.each([
    'token',
    'accessToken',
    'client_secret',
    'PASSWORD',
    'db_passwd',
    'apiKey',
    'DD_API_KEY',
    'privateKey',
    'credentials',
    'creds',
    'Authorization',
    'basicAuth',
    // Any name holding "auth" is hidden, as asked: the rule errs toward hiding.
    'author',
  ])('%s', (name) => {
    for (const value of ['short', 42, true, null, ['a'], { nested: 'x' }, '{{ Steps.Get.output }}'])
      expect(shown(name, value)).toBe(HIDDEN_VALUE);
  });
});

describe('hidden by value', () => {
  test.each([
    ['a bearer token', 'Bearer abcdefghij0123456789'],
    ['a bearer header inside text', "curl -H 'Authorization: bearer x9y8z7w6v5u4'"],
    ['a JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'],
    ['long base64', 'dGhpcyBpcyBhIHNlY3JldCBrZXkgdGhhdCBpcyBsb25nZXIgdGhhbiAzMg=='],
    ['an AWS-style secret key', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY1'],
    ['base64 beside a template', '{{ Steps.A.output }} Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MEFCQ0RFRkdI'],
  ])('%s', (_what, value) => {
    expect(shown('value', value)).toBe(HIDDEN_VALUE);
  });
});

describe('shown as written', () => {
  test.each([
    ['a connection ID', 'connectionId', '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'],
    ['an upper-case UUID', 'instance', '9A8B7C6D-5E4F-4A3B-8C2D-1E0F9A8B7C6D'],
    ['a templated reference', 'revision', '{{ Steps.Get_current_deployment.output.metadata.annotations.revision }}'],
    [
      'a templated reference to a token',
      'header',
      'Bearer {{ Steps.Get_access_token.output.body.access_token_with_a_long_name_0123 }}',
    ],
    ['a namespace', 'namespace', 'payments'],
    ['a query', 'query', 'sum:trace.http.request.errors{service:payments-api}.as_count()'],
    ['a URL', 'url', 'https://github.com/DataDog/datadog-agent/pull/12345/files'],
    ['a path', 'file', '/var/lib/kubelet/pods/payments-api-7d9f8b6c5-x2k4p/volumes'],
    ['a hex digest', 'sha', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['a sentence with "bearer"', 'message', 'The bearer of bad news'],
  ])('%s', (_what, name, value) => {
    expect(shown(name, value)).toBe(value);
  });
});

describe('any JSON value', () => {
  test('numbers, booleans, null and containers are shown as JSON', () => {
    expect(shown('replicas', 3)).toBe('3');
    expect(shown('dryRun', false)).toBe('false');
    expect(shown('body', null)).toBe('null');
    expect(shown('tags', ['team:payments', 'env:prod'])).toBe('["team:payments","env:prod"]');
  });

  test('inside objects and arrays, secret-named keys and secret-looking texts are hidden one by one', () => {
    const headers = { Authorization: 'Basic dXNlcjpwYXNz', 'X-Team': 'payments' };
    expect(shown('headers', headers)).toBe(`{"Authorization":"${HIDDEN_VALUE}","X-Team":"payments"}`);
    expect(shown('list', [{ password: 'hunter2' }, 'Bearer abcdefghijklmnop'])).toBe(
      `[{"password":"${HIDDEN_VALUE}"},"${HIDDEN_VALUE}"]`,
    );
  });
});
