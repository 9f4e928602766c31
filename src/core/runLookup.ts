import { AccessPolicy } from './access';
import { DEFAULT_RECENT, parseCommandText } from './commandText';
import { errorMessage } from './errorMessage';
import { type DatadogFailure, type DatadogResult, failed, failureTag } from './failures';
import type { Log } from './log';
import { messageText } from './messageText';
import type { ButtonOutcome, CommandOutcome, MessageOutcome, RecentRunsOutcome, RunOutcome } from './outcomes';
import {
  type ActionObserver,
  type Clock,
  type Freshness,
  type RunSource,
  type SourceResult,
  systemClock,
} from './ports';
import type { PerUserRateLimit } from './rateLimit';
import type { RefusalReason, Requester } from './requester';
import type { RunRef, SiteRun, WorkflowRun } from './run';
import { type HistoryReader, historyWithin, readHistory } from './runHistory';
import { type FoundRun, findRunRefs } from './runRefs';
import type { DatadogSite } from './sites';
import type { RecentLookups } from './surfacePorts';

/** How many runs one message is looked up for; the rest are counted. */
export const MAX_RUNS_FETCHED = 8;

/** Refresh asks for data at most this old, even when a cache holds an older copy. */
export const REFRESH_MAX_AGE_MS = 1000;

/** How much of Datadog's own words a debug line keeps. */
const DATADOG_TEXT_IN_LOG = 200;

export interface RunLookupDeps {
  source: RunSource;
  site: DatadogSite;
  log: Log;
  clock?: Clock;
  /** When set, each user's run lookups are remembered there (App Home lists them). */
  recentLookups?: RecentLookups;
  observer?: ActionObserver;
  /** Who may look up what; everything is allowed when absent. */
  access?: AccessPolicy;
  /** Lookups per user per minute; unlimited when absent. */
  rateLimit?: PerUserRateLimit;
}

/** The bot's use cases: from what a user typed, pasted or clicked, to a typed outcome. No Slack and no rendering here. */
export class RunLookup {
  private readonly clock: Clock;
  readonly access: AccessPolicy;

  constructor(private readonly deps: RunLookupDeps) {
    this.clock = deps.clock ?? systemClock;
    this.access = deps.access ?? new AccessPolicy();
  }

  get site(): DatadogSite {
    return this.deps.site;
  }

  /** One run; when two bare IDs might be in the other order, tries that too. */
  async lookUpRun(found: FoundRun, requester: Requester, freshness?: Freshness): Promise<RunOutcome> {
    const started = performance.now();
    let ref: RunRef = { workflowId: found.workflowId, instanceId: found.instanceId };
    const refusal = await this.admit(requester, found.workflowId);
    if (refusal) {
      const result = failed<WorkflowRun>({ kind: 'refused', reason: refusal });
      this.logLookup(ref, result, requester, started);
      return { ref, result, at: this.clock() };
    }
    // IDs belong to one site's org: asking this site for another's run could only say "not found".
    if (found.site && found.site !== this.deps.site) {
      const result = failed<WorkflowRun>({ kind: 'other_site', linkSite: found.site, botSite: this.deps.site });
      this.logLookup(ref, result, requester, started);
      return { ref, result, at: this.clock() };
    }
    // The history is asked alongside the run (after it, so the run goes first for a turn at Datadog), and costs
    // the reply at most a short grace after the run.
    const instance = this.deps.source.getInstance(ref, freshness);
    let history = readHistory(this.deps.source, ref.workflowId);
    let answer = await instance;
    const swappable = !found.certain && this.access.allowsWorkflow(found.instanceId);
    if (swappable && !answer.ok && answer.failure.kind === 'not_found' && answer.failure.what === 'workflow') {
      const swapped = { workflowId: found.instanceId, instanceId: found.workflowId };
      const secondInstance = this.deps.source.getInstance(swapped, freshness);
      history = readHistory(this.deps.source, swapped.workflowId);
      const second = await secondInstance;
      if (second.ok) [ref, answer] = [swapped, second];
    }
    const result = withoutFetchTime(answer);
    this.logLookup(ref, result, requester, started);
    const at = answer.fetchedAt ?? this.clock();
    await this.remember({ ref, result, at }, requester);
    return { ref, result, at, history: result.ok ? await historyWithin(history) : undefined };
  }

  /** A workflow's last runs through the same cache as every lookup (the run watcher's DMs and live messages show them). */
  readonly workflowHistory: HistoryReader = (workflowId) => readHistory(this.deps.source, workflowId);

  /** The Refresh button: the run again, from data no older than REFRESH_MAX_AGE_MS. */
  refreshRun(found: FoundRun, requester: Requester): Promise<RunOutcome> {
    return this.lookUpRun(found, requester, { maxAgeMs: REFRESH_MAX_AGE_MS });
  }

  /** What `/dd-instance <text>` asks for, parsed once, and its answer. */
  async lookUpCommand(text: string, requester: Requester): Promise<CommandOutcome> {
    const request = parseCommandText(text);
    if (request.kind === 'help' || request.kind === 'invalid') {
      const refusal = await this.refuseUnknownRun(requester);
      if (refusal) return { kind: 'refused', reason: refusal };
    }
    switch (request.kind) {
      case 'help':
        return { kind: 'usage' };
      case 'invalid':
        return { kind: 'usage', problem: request.reason };
      case 'run':
        return { kind: 'run', run: await this.lookUpRun(request.run, requester) };
      case 'recent':
        return { kind: 'recent', recent: await this.listRecentRuns(request.workflowId, request.limit, requester) };
    }
  }

  /** Every run a pasted message names (text, blocks, attachments); a workflow alone gets its recent runs. */
  async lookUpMessage(message: unknown, requester: Requester): Promise<MessageOutcome> {
    const refusal = await this.refuseUnknownRun(requester);
    if (refusal) return { kind: 'refused', reason: refusal };
    const { runs, workflowsOnly } = findRunRefs(messageText(message));
    const [workflowId] = workflowsOnly;
    if (runs.length === 0 && workflowId)
      return { kind: 'recent', recent: await this.listRecentRuns(workflowId, DEFAULT_RECENT, requester) };
    if (runs.length === 0) return { kind: 'nothing_found' };
    const fetched = await Promise.all(runs.slice(0, MAX_RUNS_FETCHED).map((run) => this.lookUpRun(run, requester)));
    // The oldest fetch among them, so "Fetched" never claims newer data than was shown.
    const at = new Date(Math.min(...fetched.map((run) => run.at.getTime())));
    return { kind: 'runs', runs: fetched, notFetched: runs.length - fetched.length, at };
  }

  /** The most recent runs of a workflow; its name is fetched alongside, and the list stands without it. */
  async listRecentRuns(workflowId: string, limit: number, requester: Requester): Promise<RecentRunsOutcome> {
    const started = performance.now();
    const refusal = await this.admit(requester, workflowId);
    if (refusal) {
      this.logOutcome('recent', { workflowId }, 'refused', requester, started, refusal);
      return { workflowId, result: failed({ kind: 'refused', reason: refusal }), at: this.clock() };
    }
    const [list, workflow] = await Promise.all([
      this.deps.source.listInstances(workflowId, limit, 'recent'),
      this.deps.source.getWorkflow(workflowId),
    ]);
    this.logOutcome(
      'recent',
      { workflowId },
      list.ok ? `listed:${list.value.runs.length}` : failureTag(list.failure),
      requester,
      started,
    );
    if (!list.ok) this.logDatadogWords(list.failure);
    const at = list.fetchedAt ?? this.clock();
    if (!list.ok) return { workflowId, result: withoutFetchTime(list), at };
    const workflowName = (workflow.ok ? workflow.value.name : undefined) ?? list.value.workflowName;
    return {
      workflowId,
      result: { ok: true, value: { ...list.value, workflowName, runs: list.value.runs.slice(0, limit) } },
      at,
    };
  }

  /** The run a button names, when its value was intact and made for the Datadog site this bot reads. */
  readButton(button: SiteRun | undefined): ButtonOutcome {
    if (!button) return { ok: false, problem: 'damaged' };
    if (button.site !== this.deps.site)
      return { ok: false, problem: 'other_site', buttonSite: button.site, botSite: this.deps.site };
    return { ok: true, run: { workflowId: button.workflowId, instanceId: button.instanceId, certain: true } };
  }

  /** The access check, then one lookup off the user's rate limit: undefined when the lookup may go ahead. */
  private async admit(requester: Requester, workflowId: string): Promise<RefusalReason | undefined> {
    const refusal = await this.access.check(requester, workflowId);
    if (refusal) return refusal;
    const { rateLimit } = this.deps;
    if (rateLimit && requester.userId && !rateLimit.take(requester.userId)) return 'rate_limited';
    return undefined;
  }

  /** A request that names no run yet (help, a typo, a message to read) is checked for who and where alone. */
  private async refuseUnknownRun(requester: Requester): Promise<RefusalReason | undefined> {
    const refusal = await this.access.check(requester);
    if (refusal) this.logOutcome('lookup', {}, 'refused', requester, performance.now(), refusal);
    return refusal;
  }

  /** A memory that fails costs the user nothing but the list in App Home: logged, never thrown. */
  private async remember({ ref, result, at }: RunOutcome, requester: Requester): Promise<void> {
    if (!this.deps.recentLookups || !requester.userId || (!result.ok && result.failure.kind === 'refused')) return;
    const kept = result.ok
      ? ({ ok: true, run: pickShown(result.value) } as const)
      : ({ ok: false, failure: result.failure } as const);
    try {
      await this.deps.recentLookups.record(requester.userId, { ref, at, result: kept });
    } catch (err) {
      this.deps.log.warn('recent lookup not remembered', { error: errorMessage(err) });
    }
  }

  private logLookup(ref: RunRef, result: DatadogResult<WorkflowRun>, requester: Requester, started: number): void {
    const outcome = result.ok ? `found:${statusTag(result.value.statusKind)}` : failureTag(result.failure);
    const refusal = !result.ok && result.failure.kind === 'refused' ? result.failure.reason : undefined;
    this.logOutcome('lookup', ref, outcome, requester, started, refusal);
    if (!result.ok) this.logDatadogWords(result.failure);
  }

  /** One info line per lookup with IDs and outcome only, and the same to the observer (metrics, audit). */
  private logOutcome(
    event: 'lookup' | 'recent',
    ids: Partial<RunRef>,
    outcome: string,
    requester: Requester,
    started: number,
    refusal?: RefusalReason,
  ): void {
    const latencyMs = Math.round(performance.now() - started);
    const { via, teamId, enterpriseId, userId, channelId } = requester;
    this.deps.log.outcome(event, {
      via,
      user: userId,
      channel: channelId,
      workflow: ids.workflowId,
      instance: ids.instanceId,
      outcome,
      refusal,
      latency_ms: latencyMs,
    });
    this.deps.observer?.({
      kind: event,
      entryPoint: via ?? 'unknown',
      outcome: outcome.replace(/:.*/, ''),
      refusal,
      latencyMs,
      requester: { teamId, enterpriseId, userId, channelId },
      workflowId: ids.workflowId,
      instanceId: ids.instanceId,
    });
  }

  /** What Datadog said about a failure is its content: debug only, and cut short. */
  private logDatadogWords(failure: DatadogFailure): void {
    const words = failure.kind === 'bad_request' ? failure.detail : undefined;
    if (words) this.deps.log.debug('datadog said', { detail: words.slice(0, DATADOG_TEXT_IN_LOG) });
  }
}

/** Datadog's status kinds are upper-case tags (SUCCEEDED, STEP_ERROR); anything else is Datadog's text, not logged as an ID. */
function statusTag(kind: string): string {
  return /^[A-Z][A-Z_]{0,39}$/.test(kind) ? kind : 'other';
}

function pickShown({ statusKind, statusName, workflowName }: WorkflowRun) {
  return { statusKind, statusName, workflowName };
}

/** The answer alone: when it was fetched goes into the outcome's `at`. */
function withoutFetchTime<T>(answer: SourceResult<T>): DatadogResult<T> {
  return answer.ok ? { ok: true, value: answer.value } : { ok: false, failure: answer.failure };
}
