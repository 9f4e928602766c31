import fc from 'fast-check';
import { MAX_RESET_SECONDS, RateLimits, resetSeconds } from '../../src/datadog/rateLimits';

let clock = 1_000_000;
let limits: RateLimits;
beforeEach(() => {
  clock = 1_000_000;
  limits = new RateLimits(() => clock);
});

const spent = (name: string, reset: string) => ({
  'x-ratelimit-name': name,
  'x-ratelimit-limit': '100',
  'x-ratelimit-remaining': '0',
  'x-ratelimit-reset': reset,
});

test('no budget applies before an answer names the endpoint’s limit', () => {
  limits.observe('get-instance', 200, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '30' });
  limits.observe('get-instance', 429, { 'x-ratelimit-reset': '30' });
  expect(limits.retryAfterSeconds('get-instance')).toBeUndefined();
});

test('Remaining 0 spends the budget until the reset, counting down in whole seconds', () => {
  limits.observe('get-instance', 200, spent('workflow-instances', '30'));
  expect(limits.retryAfterSeconds('get-instance')).toBe(30);
  clock += 29_500;
  expect(limits.retryAfterSeconds('get-instance')).toBe(1);
  clock += 500;
  expect(limits.retryAfterSeconds('get-instance')).toBeUndefined();
});

test('a 429 spends the budget, and a later 429 without a name counts against the name already learnt', () => {
  limits.observe('get-instance', 200, {
    'x-ratelimit-name': 'workflow-instances',
    'x-ratelimit-remaining': '7',
    'x-ratelimit-reset': '5',
  });
  expect(limits.retryAfterSeconds('get-instance')).toBeUndefined();
  limits.observe('get-instance', 429, { 'x-ratelimit-reset': '12' });
  expect(limits.retryAfterSeconds('get-instance')).toBe(12);
});

test('endpoints share a budget exactly when Datadog gives them the same limit name', () => {
  limits.observe('get-workflow', 200, {
    'x-ratelimit-name': 'workflows',
    'x-ratelimit-remaining': '50',
    'x-ratelimit-reset': '9',
  });
  limits.observe('list-instances', 200, {
    'x-ratelimit-name': 'workflow-list',
    'x-ratelimit-remaining': '50',
    'x-ratelimit-reset': '9',
  });
  limits.observe('get-instance', 429, spent('workflows', '9'));
  expect(limits.retryAfterSeconds('get-workflow')).toBe(9);
  expect(limits.retryAfterSeconds('list-instances')).toBeUndefined();
});

test('an answer with budget left, sent before the budget ran out, does not reopen it', () => {
  limits.observe('get-instance', 429, spent('workflow-instances', '20'));
  limits.observe('get-instance', 200, {
    'x-ratelimit-name': 'workflow-instances',
    'x-ratelimit-remaining': '3',
    'x-ratelimit-reset': '1',
  });
  expect(limits.retryAfterSeconds('get-instance')).toBe(20);
});

test('an absurd reset is clamped to an hour', () => {
  limits.observe('get-instance', 429, spent('workflow-instances', '86400000'));
  expect(limits.retryAfterSeconds('get-instance')).toBe(MAX_RESET_SECONDS);
  clock += MAX_RESET_SECONDS * 1000;
  expect(limits.retryAfterSeconds('get-instance')).toBeUndefined();
});

test.each(['-5', 'soon', 'NaN', 'Infinity', '1e400', '', '0x10', '0'])('a reset of %p spends nothing', (reset) => {
  limits.observe('get-instance', 429, spent('workflow-instances', reset));
  expect(limits.retryAfterSeconds('get-instance')).toBeUndefined();
});

test('whatever the headers say, a wait is a whole number of seconds within the bound', () => {
  const header = fc.option(fc.oneof(fc.string(), fc.double().map(String), fc.nat().map(String)), { nil: undefined });
  fc.assert(
    fc.property(fc.constantFrom(200, 429), header, header, header, (status, name, remaining, reset) => {
      const rateLimits = new RateLimits(() => clock);
      rateLimits.observe('get-instance', status, {
        'x-ratelimit-name': name,
        'x-ratelimit-remaining': remaining,
        'x-ratelimit-reset': reset,
      });
      const wait = rateLimits.retryAfterSeconds('get-instance');
      const bounded = resetSeconds({ 'x-ratelimit-reset': reset });
      expect(
        wait === undefined ||
          (Number.isInteger(wait) && wait >= 1 && wait <= MAX_RESET_SECONDS && wait === Math.ceil(bounded ?? NaN)),
      ).toBe(true);
    }),
  );
});
