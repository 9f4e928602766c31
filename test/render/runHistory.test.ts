import { MAX_RECENT } from '../../src/core/commandText';
import type { RunSummary, WorkflowRun } from '../../src/core/run';
import { historyOf, type RunHistory } from '../../src/core/runHistory';
import { blockKitProblems } from '../../src/render/limits';
import { historyLine, statesLine } from '../../src/render/runHistory';
import { renderRun } from '../../src/render/runReply';
import { renderRecentRuns } from '../../src/render/runsReply';

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

describe('hostile history', () => {
  const hostileState = '<!channel> `*_~'.repeat(50);
  const runs: RunSummary[] = Array.from({ length: 100 }, (_, index) => ({
    workflowId: 'wf',
    instanceId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    statusKind: index % 3 ? hostileState : 'STEP_ERROR',
    statusName: hostileState,
    startedAt: new Date(NOW.getTime() - (index + 1) * 3_600_000),
    // Junk: ends before it starts, ends at the epoch's far side, or never.
    endedAt: [new Date(0), new Date(8.64e15), undefined, new Date(NOW.getTime() - index * 3_600_000)][index % 4],
  }));

  test('100 runs with junk states and times: a run reply and Recent runs fit Block Kit, and no state leaks as text', () => {
    const history = historyOf(runs);
    const run: WorkflowRun = { ...runs[0]!, workflowName: hostileState, steps: [] };
    const reply = renderRun(run, { site: 'datadoghq.com', now: NOW, history });
    expect(blockKitProblems(reply)).toEqual([]);
    // Recent runs lists at most MAX_RECENT (the use case cuts Datadog's list to it).
    const listed = runs.slice(0, MAX_RECENT);
    const recent = renderRecentRuns({ workflowId: 'wf', runs: listed }, { site: 'datadoghq.com', now: NOW });
    expect(blockKitProblems(recent)).toEqual([]);
    expect(statesLine(history)).not.toContain('<!channel>');
    expect(historyLine(run, history, NOW)).toMatch(/^:bar_chart: 34 of the last 100 runs failed/);
  });
});
