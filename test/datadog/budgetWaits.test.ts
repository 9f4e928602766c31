import { BudgetWaits } from '../../src/datadog/budgetWaits';
import { Deadline, Deadlines } from '../../src/datadog/deadlines';
import { RateLimits } from '../../src/datadog/rateLimits';

/** Waiting for a spent rate-limit budget, on Jest's fake clock (Date.now, performance.now and timers move together). */

const MARGIN_MS = 500;
let limits: RateLimits;
let waits: BudgetWaits;
let deadlines: Deadlines;

beforeEach(() => {
  jest.useFakeTimers();
  limits = new RateLimits(() => Date.now());
  waits = new BudgetWaits(limits);
  deadlines = new Deadlines(2500);
});
afterEach(() => {
  waits.close();
  jest.useRealTimers();
});

/** The get-instance budget spent for `resetSeconds`, as a 429 with X-RateLimit-Remaining 0 says. */
function spend(resetSeconds: number): void {
  limits.observe('get-instance', 429, {
    'x-ratelimit-name': 'workflow-instances',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': String(resetSeconds),
  });
}

/** Starts a wait and records when it settles and with what. */
function waiting(order?: number[], id?: number) {
  const settled: { value?: number | undefined; done: boolean } = { done: false };
  const promise = waits.wait('get-instance', deadlines.start(), MARGIN_MS).then((value) => {
    Object.assign(settled, { value, done: true });
    if (order && id !== undefined) order.push(id);
  });
  return { settled, promise };
}

test('an open budget does not wait', async () => {
  expect(await waits.wait('get-instance', deadlines.start(), MARGIN_MS)).toBeUndefined();
  expect(jest.getTimerCount()).toBe(1); // the deadline's own timer only
});

test('a budget that refills within the deadline is waited for, then the call goes', async () => {
  spend(1);
  const { settled, promise } = waiting();
  await jest.advanceTimersByTimeAsync(999);
  expect(settled.done).toBe(false);
  await jest.advanceTimersByTimeAsync(1);
  await promise;
  expect(settled).toEqual({ value: undefined, done: true });
});

test('calls waiting for the same budget go in the order they asked', async () => {
  spend(1);
  const order: number[] = [];
  const calls = [1, 2, 3, 4, 5].map((id) => waiting(order, id));
  await jest.advanceTimersByTimeAsync(1000);
  await Promise.all(calls.map((call) => call.promise));
  expect(order).toEqual([1, 2, 3, 4, 5]);
});

test('a reset later than the deadline allows answers at once, in whole seconds', async () => {
  spend(2.2);
  expect(await waits.wait('get-instance', deadlines.start(), MARGIN_MS)).toBe(3);
});

test('a budget spent again for longer meanwhile answers when the first reset comes, with the new wait', async () => {
  spend(1);
  const { settled, promise } = waiting();
  await jest.advanceTimersByTimeAsync(500);
  spend(30);
  await jest.advanceTimersByTimeAsync(500);
  await promise;
  expect(settled).toEqual({ value: 30, done: true });
});

test('an abort cuts the wait at once, and nothing stays queued', async () => {
  spend(1);
  const deadline = new Deadline(performance.now() + 2500);
  const cut = waits.wait('get-instance', deadline, MARGIN_MS);
  await jest.advanceTimersByTimeAsync(100);
  deadline.emit('abort');
  expect(await cut).toBe(1);
  expect(jest.getTimerCount()).toBe(0);
});

test('at most 100 calls wait; one more is answered at once', async () => {
  spend(1);
  const calls = Array.from({ length: 100 }, () => waiting());
  expect(await waits.wait('get-instance', deadlines.start(), MARGIN_MS)).toBe(1);
  await jest.advanceTimersByTimeAsync(1000);
  await Promise.all(calls.map((call) => call.promise));
  expect(calls.every((call) => call.settled.value === undefined)).toBe(true);
});

test('closing answers every waiting call at once, with the seconds left', async () => {
  spend(1);
  const { settled, promise } = waiting();
  await jest.advanceTimersByTimeAsync(100);
  waits.close();
  await promise;
  expect(settled).toEqual({ value: 1, done: true });
});
