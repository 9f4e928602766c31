import type { RunHistory } from '../../src/core/runHistory';
import { historyLine, statesLine } from '../../src/render/runHistory';

const NOW = new Date('2026-11-28T03:10:00Z');
const started = new Date(NOW.getTime() - 730_000);
const endedRun = { statusKind: 'STEP_ERROR', startedAt: started, endedAt: NOW };

function history(states: string[], usualMs?: number): RunHistory {
  return { states, failed: states.filter((state) => state.endsWith('ERROR')).length, usualMs };
}

const TWENTY = [...Array.from({ length: 4 }, () => 'STEP_ERROR'), ...Array.from({ length: 16 }, () => 'SUCCEEDED')];

describe('historyLine', () => {
  test('failures of the last runs, the usual duration, and this run when far past it', () => {
    expect(historyLine(endedRun, history(TWENTY, 90_000), NOW)).toBe(
      ':bar_chart: 4 of the last 20 runs failed · usually 1m 30s · this one 12m 10s, 8× the usual',
    );
  });

  test('a run within 3× the usual is not called out', () => {
    expect(historyLine(endedRun, history(TWENTY, 300_000), NOW)).toBe(
      ':bar_chart: 4 of the last 20 runs failed · usually 5m',
    );
  });

  test('without a usual duration (fewer than 5 ended), the failures alone', () => {
    expect(historyLine(endedRun, history(['SUCCEEDED']), NOW)).toBe(':bar_chart: 0 of the last 1 run failed');
  });

  test('no history, or a list with no runs: no line', () => {
    expect(historyLine(endedRun, undefined, NOW)).toBeUndefined();
    expect(historyLine(endedRun, history([]), NOW)).toBeUndefined();
  });
});

describe('statesLine', () => {
  test('each state as its emoji, newest first, and the median when there is one', () => {
    expect(statesLine(history(['SUCCEEDED', 'STEP_ERROR', 'CANCELED', 'IN_PROGRESS'], 90_000))).toBe(
      ':white_check_mark::x::no_entry_sign::hourglass_flowing_sand: · median 1m 30s',
    );
    expect(statesLine(history(['SUCCEEDED']))).toBe(':white_check_mark:');
  });

  test('an unknown state is a question mark, never its raw text', () => {
    expect(statesLine(history(['<!channel> *bold*']))).toBe(':grey_question:');
  });

  test('no runs: no line', () => {
    expect(statesLine(history([]))).toBeUndefined();
  });
});
