import { once } from 'node:events';
import { Deadlines } from '../../src/datadog/deadlines';

test('aborts the calls still running at their deadline, in order, and never one that finished', async () => {
  const deadlines = new Deadlines(30);
  const finished = deadlines.start();
  const first = deadlines.start();
  const second = deadlines.start();
  deadlines.finish(finished);
  const aborts: string[] = [];
  first.on('abort', () => aborts.push('first'));
  second.on('abort', () => aborts.push('second'));
  await once(second, 'abort');
  expect(aborts).toEqual(['first', 'second']);
  expect([finished.aborted, first.aborted, second.aborted]).toEqual([false, true, true]);
});

test('a call started after the timer has fired gets its own deadline', async () => {
  const deadlines = new Deadlines(20);
  await once(deadlines.start(), 'abort');
  const later = deadlines.start();
  await once(later, 'abort');
  expect(later.aborted).toBe(true);
});

describe('on a fake clock', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test('each deadline falls at its own time: the timer re-arms for the next one, not before', () => {
    const deadlines = new Deadlines(30);
    const first = deadlines.start();
    jest.advanceTimersByTime(10);
    const second = deadlines.start();
    expect(second.at - first.at).toBe(10);
    jest.advanceTimersByTime(19);
    expect([first.aborted, second.aborted]).toEqual([false, false]);
    jest.advanceTimersByTime(1);
    expect([first.aborted, second.aborted]).toEqual([true, false]);
    jest.advanceTimersByTime(9);
    expect(second.aborted).toBe(false);
    jest.advanceTimersByTime(1);
    expect(second.aborted).toBe(true);
    expect(jest.getTimerCount()).toBe(0);
  });

  test('one timer serves every call in flight, and a finished call is never aborted', () => {
    const deadlines = new Deadlines(50);
    const calls = Array.from({ length: 5 }, () => deadlines.start());
    expect(jest.getTimerCount()).toBe(1);
    for (const call of calls.slice(0, 4)) deadlines.finish(call);
    jest.advanceTimersByTime(50);
    expect(calls.map((call) => call.aborted)).toEqual([false, false, false, false, true]);
  });

  test('the timer does not keep the process alive', () => {
    const deadlines = new Deadlines(50);
    deadlines.start();
    const timer = (deadlines as unknown as { timer: NodeJS.Timeout }).timer;
    expect(timer.hasRef()).toBe(false);
  });
});
