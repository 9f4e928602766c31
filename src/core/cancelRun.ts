import type { ActGate } from './actGate';
import type { ActRefusal } from './actors';
import { type DatadogFailure, isLasting } from './failures';
import type { RunOutcome } from './outcomes';
import { type Clock, type RunSource, systemClock } from './ports';
import type { RefusalReason, Requester } from './requester';
import { hasEnded, type SiteRun } from './run';

/** Cancel a running run from Slack: the actor rules, one cancel call however many clicks, then its new state. */

export type CancelOutcome =
  | { kind: 'refused'; reason: ActRefusal | RefusalReason }
  | { kind: 'failed'; failure: DatadogFailure }
  /** Datadog said no running run: this one had ended before the cancel came. */
  | { kind: 'already_ended'; run: RunOutcome }
  /**
   * Cancelled by this click (`by`), or by another click or replica: the run as last read, `ended` when Datadog
   * showed it ended within the polls.
   */
  | { kind: 'canceled'; run: RunOutcome; ended: boolean; by?: string };

export interface CancelRunDeps {
  gate: ActGate;
  /** Read fresh after the cancel (`maxAgeMs: 0`), so a cache in front is refreshed too. */
  source: RunSource;
  /** Told once Datadog shows the run ended by this cancel: followers and live messages learn who cancelled it. */
  announce?: (run: SiteRun, outcome: RunOutcome) => Promise<void>;
  clock?: Clock;
  /** Waits between the reads that look for the run's end; few and short, as someone waits for the reply. */
  pollDelaysMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
}

const POLL_DELAYS_MS = [250, 500, 1000, 2000, 2000];
const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class CancelRun {
  private readonly clock: Clock;

  constructor(private readonly deps: CancelRunDeps) {
    this.clock = deps.clock ?? systemClock;
  }

  async cancel(run: SiteRun, requester: Requester): Promise<CancelOutcome> {
    const { workflowId, instanceId } = run;
    const result = await this.deps.gate.attempt(
      { act: 'cancel', requester, workflowId, instanceId },
      (actions) => actions.cancelInstance(run),
      { onceKey: `cancel:${workflowId}/${instanceId}` },
    );
    if (!result.ok && 'refused' in result) return { kind: 'refused', reason: result.refused };
    if (!result.ok && 'failure' in result) return this.failed(run, result.failure);
    // Only the click that made the call cancelled the run; one that joined it did not.
    const by = result.ok && !result.joined ? requester.userId : undefined;
    const latest = await this.untilEnded(run);
    const ended = latest.result.ok && hasEnded(latest.result.value);
    if (ended && by) await this.deps.announce?.(run, { ...latest, canceledBy: by });
    return { kind: 'canceled', run: by ? { ...latest, canceledBy: by } : latest, ended, ...(by ? { by } : {}) };
  }

  /** Datadog's 404 on a cancel means an ended or unknown run: a read tells which. */
  private async failed(run: SiteRun, failure: DatadogFailure): Promise<CancelOutcome> {
    if (failure.kind !== 'not_found' || failure.what === 'workflow') return { kind: 'failed', failure };
    const read = await this.deps.source.getInstance(run, { maxAgeMs: 0 });
    return read.ok && hasEnded(read.value)
      ? { kind: 'already_ended', run: { ref: run, result: read, at: this.clock() } }
      : { kind: 'failed', failure };
  }

  /** A few short reads until Datadog shows the run ended; the last read either way. */
  private async untilEnded(run: SiteRun): Promise<RunOutcome> {
    const sleep = this.deps.sleep ?? sleepFor;
    let latest: RunOutcome | undefined;
    for (const delayMs of this.deps.pollDelaysMs ?? POLL_DELAYS_MS) {
      await sleep(delayMs);
      latest = { ref: run, result: await this.deps.source.getInstance(run, { maxAgeMs: 0 }), at: this.clock() };
      if (latest.result.ok ? hasEnded(latest.result.value) : isLasting(latest.result.failure)) return latest;
    }
    return latest ?? { ref: run, result: await this.deps.source.getInstance(run, { maxAgeMs: 0 }), at: this.clock() };
  }
}
