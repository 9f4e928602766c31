import type { DatadogClient } from '../datadog/client';
import { failureTag, type DatadogResult } from '../datadog/failures';
import type { RunRef, WorkflowRun } from '../datadog/model';
import type { DatadogSite } from '../datadog/sites';
import type { ModalView } from '@slack/types';
import { renderFailure } from '../render/failureReply';
import type { Reply } from '../render/reply';
import { parseRunButtonValue } from '../render/runButtons';
import { renderFailureModal, renderRunModal } from '../render/runModal';
import { renderRun } from '../render/runReply';
import { renderRecentRuns, renderRunResults, MAX_RUNS_SHOWN, type RunResult } from '../render/runsReply';
import { renderNothingFound, renderProblem, renderUsage } from '../render/usageReply';
import { DEFAULT_RECENT, parseCommandText } from './commandText';
import type { Log } from './log';
import { messageText } from './messageText';
import { findRunRefs, type FoundRun } from './runRefs';

export type RunSource = Pick<DatadogClient, 'getInstance' | 'listInstances' | 'getWorkflow'>;

/** Who asked, for the log line. */
export interface Asker {
  userId?: string;
  channelId?: string;
}

export interface RunLookupDeps {
  datadog: RunSource;
  site: DatadogSite;
  log: Log;
  now?: () => Date;
}

/** The bot's core: from what a user typed or pointed at, to the reply. No Slack types here. */
export class RunLookup {
  private readonly now: () => Date;

  constructor(private readonly deps: RunLookupDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Fetches one run; when two bare IDs might be in the other order, tries that too. */
  async fetchRun(found: FoundRun, asker: Asker): Promise<RunResult> {
    const started = performance.now();
    let ref: RunRef = { workflowId: found.workflowId, instanceId: found.instanceId };
    let result = await this.deps.datadog.getInstance(ref);
    if (!found.certain && !result.ok && result.failure.kind === 'not_found' && result.failure.what === 'workflow') {
      const swapped = { workflowId: found.instanceId, instanceId: found.workflowId };
      const second = await this.deps.datadog.getInstance(swapped);
      if (second.ok) [ref, result] = [swapped, second];
    }
    this.logLookup(ref, result, asker, started);
    return { ref, result };
  }

  async answerCommand(text: string, asker: Asker): Promise<Reply> {
    const request = parseCommandText(text);
    switch (request.kind) {
      case 'help':
        return renderUsage();
      case 'invalid':
        return renderUsage(request.reason);
      case 'run':
        return this.answerRun(request.run, asker);
      case 'recent':
        return this.answerRecent(request.workflowId, request.limit, asker);
    }
  }

  async answerMessage(message: unknown, asker: Asker): Promise<Reply> {
    const { runs, workflowsOnly } = findRunRefs(messageText(message));
    const [workflowId] = workflowsOnly;
    if (runs.length === 0 && workflowId) return this.answerRecent(workflowId, DEFAULT_RECENT, asker);
    if (runs.length === 0) return renderNothingFound();
    // Fetch only what can be shown; the rest are counted by the renderer.
    const fetched = await Promise.all(runs.slice(0, MAX_RUNS_SHOWN).map((run) => this.fetchRun(run, asker)));
    return renderRunResults(fetched, this.renderContext(), runs.length - fetched.length);
  }

  /** One run's full reply, or the lookup's failure reply. */
  async answerRun(found: FoundRun, asker: Asker): Promise<Reply> {
    return renderRunResults([await this.fetchRun(found, asker)], this.renderContext());
  }

  /** The run for the whole channel, naming who shared it; a failure stays private. */
  async answerShare(found: FoundRun, asker: Asker, sharedBy: string): Promise<Reply> {
    const { ref, result } = await this.fetchRun(found, asker);
    if (!result.ok) return { ...renderFailure(result.failure, { site: this.deps.site, ref }), response_type: 'ephemeral' };
    return { ...renderRun(result.value, this.renderContext(), { sharedBy }), response_type: 'in_channel' };
  }

  /** The modal with every step and the whole error, or the lookup's failure in the same words. */
  async answerRunModal(found: FoundRun, asker: Asker): Promise<ModalView> {
    const { ref, result } = await this.fetchRun(found, asker);
    return result.ok ? renderRunModal(result.value, this.renderContext()) : renderFailureModal(result.failure, { site: this.deps.site, ref });
  }

  /** The most recent runs of a workflow; its name is fetched alongside, and the list stands without it. */
  async answerRecent(workflowId: string, limit: number, asker: Asker): Promise<Reply> {
    const started = performance.now();
    const [list, workflow] = await Promise.all([this.deps.datadog.listInstances(workflowId, limit), this.deps.datadog.getWorkflow(workflowId)]);
    this.logOutcome('recent', { workflow: workflowId }, list.ok ? `listed:${list.value.runs.length}` : failureTag(list.failure), asker, started);
    if (!list.ok) return renderFailure(list.failure, { site: this.deps.site, workflowId });
    const workflowName = (workflow.ok ? workflow.value.name : undefined) ?? list.value.workflowName;
    return renderRecentRuns({ ...list.value, workflowName, runs: list.value.runs.slice(0, limit) }, this.renderContext());
  }

  /** The run a button names, when its value is intact and made for the Datadog site this bot reads. */
  runFromButton(value: unknown): { ok: true; run: FoundRun } | { ok: false; reply: Reply } {
    const button = parseRunButtonValue(value);
    if (!button) return { ok: false, reply: renderProblem('This button’s data is damaged, so nothing was looked up. Look the run up again with `/dd-instance <workflow_id> <instance_id>`.') };
    if (button.site !== this.deps.site) {
      return { ok: false, reply: renderProblem(`This button is for a run on ${button.site}, but the bot now reads ${this.deps.site}. Look the run up again with \`/dd-instance\`.`) };
    }
    return { ok: true, run: { workflowId: button.workflowId, instanceId: button.instanceId, certain: true } };
  }

  private renderContext() {
    return { site: this.deps.site, now: this.now() };
  }

  private logLookup(ref: RunRef, result: DatadogResult<WorkflowRun>, asker: Asker, started: number): void {
    const outcome = result.ok ? `found:${result.value.statusKind}` : failureTag(result.failure);
    this.logOutcome('lookup', { workflow: ref.workflowId, instance: ref.instanceId }, outcome, asker, started);
  }

  private logOutcome(event: string, ids: Record<string, string>, outcome: string, asker: Asker, started: number): void {
    this.deps.log.info(event, { user: asker.userId, channel: asker.channelId, ...ids, outcome, latency_ms: Math.round(performance.now() - started) });
  }
}
