import type { KnownBlock, SectionBlock } from '@slack/types';
import type { DatadogFailure } from '../core/failures';
import type { RunOutcome } from '../core/outcomes';
import type { RunList, RunRef, RunSummary } from '../core/run';
import { historyOf } from '../core/runHistory';
import { section } from './blocks';
import { failureText, renderFailure } from './failureReply';
import { escapedLine, inlineCode, plainLine } from './mrkdwn';
import type { Reply } from './reply';
import { runButton } from './runButtons';
import { statesLine } from './runHistory';
import { type RunRenderContext, renderRun, runRowText } from './runReply';
import { RUN_ACTIONS } from './slackIds';

/** A run looked up, as a list shows it; when it was fetched is the list's own. */
export type RunResult = Pick<RunOutcome, 'ref' | 'result' | 'history'>;

interface ListHeading {
  title: string;
  /** mrkdwn, already escaped. */
  summary: string;
  /** The listed runs' states and median duration (mrkdwn), beside the summary. */
  states?: string;
  fallback: string;
}

/** One row per run, each with a View button that answers with that run's full reply. */
function runRow(run: RunSummary, context: RunRenderContext): SectionBlock {
  return section(runRowText(run, context.now), runButton(RUN_ACTIONS.view, 'View', run, context.site));
}

function failedRow(ref: RunRef, failure: DatadogFailure, context: RunRenderContext): SectionBlock {
  const text = `Run ${inlineCode(ref.instanceId, 60)} of workflow ${inlineCode(ref.workflowId, 60)}\n${failureText(failure, { site: context.site, ref, forOperator: context.forOperator })}`;
  return section(text);
}

/** The one list layout for several runs: a heading, then a row per run, then what was left out. */
function renderRunList(heading: ListHeading, rows: SectionBlock[], more: string | undefined): Reply {
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: plainLine(heading.title, 150) || 'Workflow runs', emoji: false },
    },
    {
      type: 'context',
      elements: [heading.summary, heading.states].flatMap((text) => (text ? [{ type: 'mrkdwn', text }] : [])),
    },
    ...rows,
  ];
  if (more) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: more }] });
  return { text: heading.fallback, blocks };
}

/**
 * One run gets the full reply; several share the run list.
 * `notFetched` counts runs found beyond MAX_RUNS_FETCHED, which are named but not looked up.
 */
export function renderRunResults(results: RunResult[], context: RunRenderContext, notFetched = 0): Reply {
  const [only] = results;
  if (results.length === 1 && only && notFetched === 0) {
    return only.result.ok
      ? renderRun(only.result.value, { ...context, history: only.history })
      : renderFailure(only.result.failure, { site: context.site, ref: only.ref, forOperator: context.forOperator });
  }
  const total = results.length + notFetched;
  const rows = results.map(({ ref, result }) =>
    result.ok ? runRow(result.value, context) : failedRow(ref, result.failure, context),
  );
  const states = results
    .map(({ result }) => (result.ok ? escapedLine(result.value.statusName, 40) : 'not available'))
    .join(', ');
  return renderRunList(
    {
      title: `${total} workflow runs in this message`,
      summary: "Press *View* for a run's steps and error.",
      fallback: `${total} workflow runs: ${states}`.slice(0, 3000),
    },
    rows,
    notFetched > 0 ? `…and ${notFetched} more runs. Look them up one at a time with \`/dd-instance\`.` : undefined,
  );
}

function countsLine(list: RunList): string {
  const counts: Array<[number | undefined, string]> = [
    [list.failedCount, 'failed'],
    [list.succeededCount, 'succeeded'],
    [list.canceledCount, 'canceled'],
    [list.totalCount, 'in all'],
  ];
  return counts
    .filter(([count]) => count !== undefined)
    .map(([count, label]) => `${count} ${label}`)
    .join(' · ');
}

/** The most recent runs of one workflow, newest first, as Datadog listed them. */
export function renderRecentRuns(list: RunList, context: RunRenderContext): Reply {
  const name = list.workflowName;
  const counts = countsLine(list);
  const shown = list.runs.length;
  // The header already names the workflow: the summary gives its ID only.
  const summary = [
    `Recent runs of workflow ${inlineCode(list.workflowId, 60)}`,
    shown > 0 ? `latest ${shown} shown` : undefined,
    counts || undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  const title = name ?? `Workflow ${list.workflowId}`;
  if (shown === 0) {
    return renderRunList(
      { title, summary, fallback: `${escapedLine(title, 150)}: no runs.` },
      [section(':zero: Datadog lists no runs of this workflow yet.')],
      undefined,
    );
  }
  const rows = list.runs.map((run) => runRow(run, context));
  const states = statesLine(historyOf(list.runs));
  const fallback = `${escapedLine(title, 150)}: latest ${shown} runs${counts ? ` (${counts})` : ''}.`;
  return renderRunList({ title, summary, states, fallback }, rows, undefined);
}
