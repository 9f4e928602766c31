import type { DatadogClient } from '../datadog/client';
import { failureTag, type DatadogResult } from '../datadog/failures';
import type { RunRef, WorkflowRun } from '../datadog/model';
import type { DatadogSite } from '../datadog/sites';
import type { Reply } from '../render/reply';
import { renderRunResults, MAX_RUNS_SHOWN, type RunResult } from '../render/runsReply';
import { renderNothingFound, renderUsage } from '../render/usageReply';
import { parseCommandText } from './commandText';
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
        return renderRunResults([await this.fetchRun(request.run, asker)], this.renderContext());
      case 'recent':
        return renderUsage('Add the instance ID after the workflow ID.');
    }
  }

  async answerMessage(message: unknown, asker: Asker): Promise<Reply> {
    const { runs } = findRunRefs(messageText(message));
    if (runs.length === 0) return renderNothingFound();
    // Fetch only what can be shown; the rest are counted by the renderer.
    const fetched = await Promise.all(runs.slice(0, MAX_RUNS_SHOWN).map((run) => this.fetchRun(run, asker)));
    return renderRunResults(fetched, this.renderContext(), runs.length - fetched.length);
  }

  private renderContext() {
    return { site: this.deps.site, now: this.now() };
  }

  private logLookup(ref: RunRef, result: DatadogResult<WorkflowRun>, asker: Asker, started: number): void {
    this.deps.log.info('lookup', {
      user: asker.userId,
      channel: asker.channelId,
      workflow: ref.workflowId,
      instance: ref.instanceId,
      outcome: result.ok ? `found:${result.value.statusKind}` : failureTag(result.failure),
      latency_ms: Math.round(performance.now() - started),
    });
  }
}
