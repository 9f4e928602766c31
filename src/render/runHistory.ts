import type { RunSummary } from '../core/run';
import { type RunHistory, slowRun } from '../core/runHistory';
import { runEmoji } from './status';
import { countOf, formatDuration } from './time';

/** Is this run normal: the workflow's recent failures, its usual duration, and this run when far past it. */
export function historyLine(
  run: Pick<RunSummary, 'statusKind' | 'startedAt' | 'endedAt'>,
  history: RunHistory | undefined,
  now: Date,
): string | undefined {
  if (!history || history.states.length === 0) return undefined;
  const parts = [`${history.failed} of the last ${countOf(history.states.length, 'run')} failed`];
  if (history.usualMs !== undefined) parts.push(`usually ${formatDuration(history.usualMs)}`);
  const slow = slowRun(run, history, now);
  if (slow) parts.push(`this one ${formatDuration(slow.tookMs)}, ${slow.times}× the usual`);
  return `:bar_chart: ${parts.join(' · ')}`;
}

/** The listed runs' states as a strip of emoji, newest first, with their median duration when enough have ended. */
export function statesLine(history: RunHistory): string | undefined {
  if (history.states.length === 0) return undefined;
  const strip = history.states.map(runEmoji).join('');
  return history.usualMs === undefined ? strip : `${strip} · median ${formatDuration(history.usualMs)}`;
}
