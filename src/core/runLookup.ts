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

/** How a command ended, for callers that report more than the reply (the CLI's exit code). */
export type Outcome = 'usage' | 'found' | 'failed';

export interface Answer {
  reply: Reply;
  outcome: Outcome;
}

const usage = (reply: Reply): Answer => ({ reply, outcome: 'usage' });

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
    return (await this.commandAnswer(text, asker)).reply;
  }

  /** The reply to a command's text, and whether it found what was asked for. */
  async commandAnswer(text: string, asker: Asker): Promise<Answer> {
    const request = parseCommandText(text);
    switch (request.kind) {
      case 'help':
        return usage(renderUsage());
      case 'invalid':
        return usage(renderUsage(request.reason));
      case 'run':
        return this.runAnswer(request.run, asker);
      case 'recent':
        return this.recentAnswer(request.workflowId, request.limit, asker);
    }
  }

  async answerMessage(message: unknown, asker: Asker): Promise<Reply> {
    const { runs, workflowsOnly } = findRunRefs(messageText(message));
    const [workflowId] = workflowsOnly;
    if (runs.length === 0 && workflowId) return (await this.recentAnswer(workflowId, DEFAULT_RECENT, asker)).reply;
    if (runs.length === 0) return renderNothingFound();
    // Fetch only what can be shown; the rest are counted by the renderer.
    const fetched = await Promise.all(runs.slice(0, MAX_RUNS_SHOWN).map((run) => this.fetchRun(run, asker)));
    return renderRunResults(fetched, this.renderContext(), runs.length - fetched.length);
  }

  /** One run's full reply, or the lookup's failure reply. */
  async answerRun(found: FoundRun, asker: Asker): Promise<Reply> {
    return (await this.runAnswer(found, asker)).reply;
  }

  private async runAnswer(found: FoundRun, asker: Asker): Promise<Answer> {
    const fetched = await this.fetchRun(found, asker);
    return { reply: renderRunResults([fetched], this.renderContext()), outcome: fetched.result.ok ? 'found' : 'failed' };
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
  private async recentAnswer(workflowId: string, limit: number, asker: Asker): Promise<Answer> {
    const started = performance.now();
    const [list, workflow] = await Promise.all([this.deps.datadog.listInstances(workflowId, limit), this.deps.datadog.getWorkflow(workflowId)]);
    this.logOutcome('recent', { workflow: workflowId }, list.ok ? `listed:${list.value.runs.length}` : failureTag(list.failure), asker, started);
    if (!list.ok) return { reply: renderFailure(list.failure, { site: this.deps.site, workflowId }), outcome: 'failed' };
    const workflowName = (workflow.ok ? workflow.value.name : undefined) ?? list.value.workflowName;
    return { reply: renderRecentRuns({ ...list.value, workflowName, runs: list.value.runs.slice(0, limit) }, this.renderContext()), outcome: 'found' };
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
