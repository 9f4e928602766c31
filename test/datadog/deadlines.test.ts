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
