import type { RunSource } from './ports';
import { hasEnded, type RunSummary } from './run';

/** Is this run normal? A workflow's last runs, read from one list call, beside every run reply. */

/** How many of a workflow's latest runs its history reads (one list call). */
export const HISTORY_RUNS = 20;
/** A workflow's history is kept this long; a Refresh does not ask for it again. */
export const HISTORY_MAX_AGE_MS = 60_000;
/** After the run itself has arrived, the history is waited for at most this much longer, else left out. */
export const HISTORY_GRACE_MS = 300;
/** "Usually" is said only from at least this many ended runs. */
export const MIN_ENDED_FOR_USUAL = 5;
/** A run that took (or has been running) more than this many times the usual is called out. */
export const SLOW_FACTOR = 3;

/** What a list of recent runs says about a workflow: the states newest first, the failures, the usual duration. */
export interface RunHistory {
  /** Each listed run's state (Datadog's detailsKind), newest first. */
  states: string[];
  failed: number;
  /** The median duration of the listed runs that ended, when at least MIN_ENDED_FOR_USUAL did. */
  usualMs?: number;
}

/** Reads a workflow's history; undefined when it could not. */
export type HistoryReader = (workflowId: string) => Promise<RunHistory | undefined>;

/** A run taking far longer than usual: how long, and how many times the usual. */
export interface SlowRun {
  tookMs: number;
  times: number;
}

const FAILED_KINDS = new Set(['STEP_ERROR', 'INSTANCE_ERROR']);

export function isFailedRun(statusKind: string): boolean {
  return FAILED_KINDS.has(statusKind);
}

/** How long a run took (ended) or has been running (at `now`); undefined when its times make no sense. */
export function runDurationMs(
  run: Pick<RunSummary, 'statusKind' | 'startedAt' | 'endedAt'>,
  now: Date,
): number | undefined {
  const start = run.startedAt?.getTime();
  const end = run.endedAt?.getTime() ?? (hasEnded(run) ? undefined : now.getTime());
  if (start === undefined || end === undefined) return undefined;
  const ms = end - start;
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/** The middle value (the mean of the two middle ones for an even count); undefined for none. */
export function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The history of runs listed newest first; only ended runs with sensible times count towards "usually". */
export function historyOf(runs: RunSummary[]): RunHistory {
  const ended = runs.filter((run) => run.endedAt !== undefined && hasEnded(run));
  const durations = ended.flatMap((run) => runDurationMs(run, run.endedAt as Date) ?? []);
  return {
    states: runs.map((run) => run.statusKind),
    failed: runs.filter((run) => isFailedRun(run.statusKind)).length,
    usualMs: durations.length >= MIN_ENDED_FOR_USUAL ? median(durations) : undefined,
  };
}

/** This run, when it took or has been running more than SLOW_FACTOR times the usual; undefined otherwise. */
export function slowRun(
  run: Pick<RunSummary, 'statusKind' | 'startedAt' | 'endedAt'>,
  history: RunHistory | undefined,
  now: Date,
): SlowRun | undefined {
  const usual = history?.usualMs;
  const took = runDurationMs(run, now);
  if (usual === undefined || usual <= 0 || took === undefined || took <= SLOW_FACTOR * usual) return undefined;
  return { tookMs: took, times: Math.round(took / usual) };
}

/** A workflow's history through the road to Datadog (cached, one flight); undefined when the list failed. Never rejects. */
export function readHistory(source: RunSource, workflowId: string): Promise<RunHistory | undefined> {
  return source.listInstances(workflowId, HISTORY_RUNS, 'history').then(
    (list) => (list.ok ? historyOf(list.value.runs) : undefined),
    () => undefined,
  );
}

/**
 * The history when it comes within `graceMs` of now, else undefined: a slow or failing list never holds a reply up.
 * The timer is cleared when the history comes first, and the history's own call is bounded by Datadog's deadlines.
 */
export function historyWithin(
  history: Promise<RunHistory | undefined>,
  graceMs = HISTORY_GRACE_MS,
): Promise<RunHistory | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), graceMs);
    const settle = (value: RunHistory | undefined) => {
      clearTimeout(timer);
      resolve(value);
    };
    history.then(settle, () => settle(undefined));
  });
}
