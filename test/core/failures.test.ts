import { type DatadogFailure, failed, failureTag, isLasting } from '../../src/core/failures';

/** The one "lasting failure" rule: what the watcher ends on and what an unfurl card shows. */

test.each<[DatadogFailure, boolean]>([
  [{ kind: 'not_found', what: 'instance' }, true],
  [{ kind: 'forbidden', status: 403 }, true],
  [{ kind: 'bad_request', status: 400 }, true],
  [{ kind: 'rate_limited', retryAfterSeconds: 5 }, false],
  [{ kind: 'timeout', afterMs: 1000 }, false],
  [{ kind: 'unavailable', status: 503 }, false],
  [{ kind: 'unreachable' }, false],
  [{ kind: 'busy' }, false],
])('%j lasting: %s', (failure, lasting) => {
  expect(isLasting(failure)).toBe(lasting);
});

test('failure tags for logs name what was not found', () => {
  expect(failureTag({ kind: 'not_found', what: 'workflow' })).toBe('workflow_not_found');
  expect(failureTag({ kind: 'not_found', what: 'instance' })).toBe('instance_not_found');
  expect(failureTag({ kind: 'unreachable', cutOff: true })).toBe('unreachable');
  expect(failed({ kind: 'timeout', afterMs: 5 })).toEqual({ ok: false, failure: { kind: 'timeout', afterMs: 5 } });
});
