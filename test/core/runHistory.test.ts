import type { RunSource } from '../../src/core/ports';
import type { RunSummary } from '../../src/core/run';
import {
  HISTORY_RUNS,
  historyOf,
  historyWithin,
  median,
  readHistory,
  runDurationMs,
  slowRun,
} from '../../src/core/runHistory';
import { FakeSource } from '../support/fakeSource';

const NOW = new Date('2026-11-28T03:10:00Z');
const MINUTE = 60_000;

/** A run that started `agoMs` before NOW and took `tookMs` (still running when undefined). */
function run(statusKind: string, agoMs: number, tookMs?: number, id = 1): RunSummary {
  const startedAt = new Date(NOW.getTime() - agoMs);
  return {
    workflowId: 'wf',
    instanceId: `run-${id}`,
    statusKind,
    statusName: statusKind,
    startedAt,
    endedAt: tookMs === undefined ? undefined : new Date(startedAt.getTime() + tookMs),
  };
}

function ended(durations: number[], statusKind = 'SUCCEEDED'): RunSummary[] {
  return durations.map((took, index) => run(statusKind, (index + 1) * 60 * MINUTE, took, index));
}

describe('median', () => {
  test.each([
    [[], undefined],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[90_000, 730_000, 88_000, 95_000, 41_000], 90_000],
  ])('of %j is %p', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

describe('historyOf', () => {
  test('counts failed runs (step and instance errors; canceled is not failed) and keeps states newest first', () => {
    const runs = [
      run('STEP_ERROR', 1, 10),
      run('SUCCEEDED', 2, 10),
      run('INSTANCE_ERROR', 3, 10),
      run('CANCELED', 4, 10),
      run('IN_PROGRESS', 5),
    ];
    expect(historyOf(runs)).toEqual({
      states: ['STEP_ERROR', 'SUCCEEDED', 'INSTANCE_ERROR', 'CANCELED', 'IN_PROGRESS'],
      failed: 2,
      usualMs: undefined,
    });
  });

  test('"usually" is the median of ended runs, said only from 5 of them', () => {
    expect(historyOf(ended([1, 2, 3, 4].map((m) => m * MINUTE))).usualMs).toBeUndefined();
    expect(historyOf(ended([1, 2, 3, 4, 50].map((m) => m * MINUTE))).usualMs).toBe(3 * MINUTE);
  });

  test('running runs and runs with junk times do not count towards "usually"', () => {
    const junk: RunSummary[] = [
      run('IN_PROGRESS', 5 * MINUTE),
      { ...run('SUCCEEDED', MINUTE, 1000), endedAt: new Date(0) },
      { ...run('SUCCEEDED', MINUTE, 1000), startedAt: undefined },
      { ...run('SUCCEEDED', MINUTE, 1000), endedAt: new Date(Number.NaN) },
      { ...run('SUCCEEDED', MINUTE), endedAt: undefined },
    ];
    expect(historyOf([...junk, ...ended([1, 2, 3, 4].map((m) => m * MINUTE))]).usualMs).toBeUndefined();
    expect(historyOf([...junk, ...ended([1, 2, 3, 4, 5].map((m) => m * MINUTE))]).usualMs).toBe(3 * MINUTE);
  });

  test('a list with no runs, or none ended, has no "usually"', () => {
    expect(historyOf([])).toEqual({ states: [], failed: 0, usualMs: undefined });
    const running = Array.from({ length: 8 }, (_, index) => run('IN_PROGRESS', MINUTE, undefined, index));
    expect(historyOf(running).usualMs).toBeUndefined();
  });

  test('100 runs: every state kept, the median over all that ended', () => {
    const runs = ended(Array.from({ length: 100 }, (_, index) => (index + 1) * 1000));
    const history = historyOf(runs);
    expect(history.states).toHaveLength(100);
    expect(history.usualMs).toBe(50_500);
  });
});

describe('runDurationMs', () => {
  test('an ended run took end minus start; a running one has been running until now', () => {
    expect(runDurationMs(run('SUCCEEDED', 10 * MINUTE, 90_000), NOW)).toBe(90_000);
    expect(runDurationMs(run('IN_PROGRESS', 10 * MINUTE), NOW)).toBe(10 * MINUTE);
  });

  test('no start, an end before the start, or an ended state without an end: no duration', () => {
    expect(runDurationMs({ ...run('SUCCEEDED', MINUTE, 1), startedAt: undefined }, NOW)).toBeUndefined();
    expect(runDurationMs({ ...run('SUCCEEDED', MINUTE, 1), endedAt: new Date(0) }, NOW)).toBeUndefined();
    expect(runDurationMs(run('SUCCEEDED', MINUTE), NOW)).toBeUndefined();
  });
});

describe('slowRun: "this one N× the usual" past 3×', () => {
  const usual = { states: ['SUCCEEDED'], failed: 0, usualMs: 90_000 };

  test.each([
    ['ended at 3× the usual: not called out', run('SUCCEEDED', 20 * MINUTE, 270_000), undefined],
    ['ended just past 3×', run('SUCCEEDED', 20 * MINUTE, 271_000), { tookMs: 271_000, times: 3 }],
    ['ended at 12m 10s', run('STEP_ERROR', 20 * MINUTE, 730_000), { tookMs: 730_000, times: 8 }],
    ['running for 10m', run('IN_PROGRESS', 10 * MINUTE), { tookMs: 600_000, times: 7 }],
    ['running for 4m', run('IN_PROGRESS', 4 * MINUTE), undefined],
  ])('%s', (_name, subject, expected) => {
    expect(slowRun(subject, usual, NOW)).toEqual(expected);
  });

  test('without a usual duration (fewer than 5 ended, or no history) nothing is called out', () => {
    const long = run('IN_PROGRESS', 600 * MINUTE);
    expect(slowRun(long, historyOf(ended([1, 2, 3, 4].map((m) => m * MINUTE))), NOW)).toBeUndefined();
    expect(slowRun(long, undefined, NOW)).toBeUndefined();
    expect(slowRun(long, { states: [], failed: 0, usualMs: 0 }, NOW)).toBeUndefined();
  });
});

describe('readHistory', () => {
  test('reads the last HISTORY_RUNS runs as a history list; a failed list gives no history', async () => {
    const source = new FakeSource();
    source.lists.set('wf', { workflowId: 'wf', runs: ended([1, 2, 3, 4, 5].map((m) => m * MINUTE)) });
    expect(await readHistory(source, 'wf')).toMatchObject({ failed: 0, usualMs: 3 * MINUTE });
    expect(source.historyCalls).toEqual([`list wf ${HISTORY_RUNS}`]);
    expect(await readHistory(source, 'unknown')).toBeUndefined();
  });

  test('never rejects, even when the source throws', async () => {
    const throwing = { listInstances: () => Promise.reject(new Error('boom')) } as unknown as RunSource;
    await expect(readHistory(throwing, 'wf')).resolves.toBeUndefined();
  });
});

describe('historyWithin', () => {
  const history = { states: ['SUCCEEDED'], failed: 0 };

  test('a history already there, or coming within the grace, is given', async () => {
    await expect(historyWithin(Promise.resolve(history), 1000)).resolves.toBe(history);
    const later = new Promise<typeof history>((resolve) => setImmediate(() => resolve(history)));
    await expect(historyWithin(later, 10_000)).resolves.toBe(history);
  });

  test('a history that never comes is left out after the grace', async () => {
    await expect(historyWithin(new Promise(() => {}), 1)).resolves.toBeUndefined();
  });
});
