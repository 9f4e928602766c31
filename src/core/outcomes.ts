import type { DatadogResult } from './failures';
import type { RefusalReason } from './requester';
import type { RunList, RunRef, WorkflowRun } from './run';
import type { RunHistory } from './runHistory';
import type { FoundRun } from './runRefs';
import type { DatadogSite } from './sites';

/** What each use case ends with; every surface (Slack, terminal) presents these in its own way. */

/** One run looked up: the ref actually used (the other order, when that was the one found) and what came back. */
export interface RunOutcome {
  ref: RunRef;
  result: DatadogResult<WorkflowRun>;
  /** When Datadog's data was fetched: shown as such, and the clock for "running for". */
  at: Date;
  /** The Slack user whose Cancel ended the run, when the bot cancelled it. */
  canceledBy?: string;
  /** The workflow's last runs, when they came in time (left out when the list failed or was slow). */
  history?: RunHistory;
}

/** A workflow's most recent runs, newest first, at most `limit`, with its name when Datadog gave one. */
export interface RecentRunsOutcome {
  workflowId: string;
  result: DatadogResult<RunList>;
  at: Date;
}

/** The access rules refused the request before anything was parsed out or looked up. */
export type Refused = { kind: 'refused'; reason: RefusalReason };

export type CommandOutcome =
  | Refused
  | { kind: 'usage'; problem?: string }
  | { kind: 'run'; run: RunOutcome }
  | { kind: 'recent'; recent: RecentRunsOutcome };

export type MessageOutcome =
  | Refused
  | { kind: 'nothing_found' }
  | { kind: 'recent'; recent: RecentRunsOutcome }
  /** `notFetched` counts runs found beyond MAX_RUNS_FETCHED: named, not looked up. */
  | { kind: 'runs'; runs: RunOutcome[]; notFetched: number; at: Date };

export type ButtonOutcome =
  | { ok: true; run: FoundRun }
  | { ok: false; problem: 'damaged' }
  | { ok: false; problem: 'other_site'; buttonSite: DatadogSite; botSite: DatadogSite };

/**
 * Whether a command found what it asked for, for callers that report more than the reply (the CLI's exit code).
 * A link for another Datadog site was never sent: the asker's words are at fault, not Datadog, so it is usage.
 */
export function commandVerdict(outcome: CommandOutcome): 'usage' | 'found' | 'failed' {
  if (outcome.kind === 'usage') return 'usage';
  if (outcome.kind === 'refused') return 'failed';
  const { result } = outcome.kind === 'run' ? outcome.run : outcome.recent;
  if (result.ok) return 'found';
  return result.failure.kind === 'other_site' ? 'usage' : 'failed';
}
