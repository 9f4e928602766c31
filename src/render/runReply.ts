import type { ActionsBlock, Button, KnownBlock, SectionBlock } from '@slack/types';
import type { RunStep, WorkflowRun } from '../datadog/model';
import { runUrl, type DatadogSite } from '../datadog/sites';
import { codeBlock, escapeMrkdwn, inlineCode, plainLine } from './mrkdwn';
import type { Reply } from './reply';
import { STEP_EMOJI, STEP_ORDER, isRunning, runEmoji, stepOutcome, type StepOutcome } from './status';
import { formatDuration, slackDate } from './time';

export interface RunRenderContext {
  site: DatadogSite;
  now: Date;
}

/** Character budgets that keep a whole reply far below Slack's ~12k total, whatever Datadog sends. */
const BUDGET = { steps: 2600, stepLines: 30, error: 2600, name: 120, fieldValue: 300 };

export const OPEN_IN_DATADOG_ACTION = 'open_in_datadog';

export function runTitle(run: WorkflowRun): string {
  return run.workflowName ?? `Workflow ${run.workflowId}`;
}

function mrkdwn(text: string): { type: 'mrkdwn'; text: string } {
  return { type: 'mrkdwn', text };
}

export function statusLabel(run: Pick<WorkflowRun, 'statusKind' | 'statusName'>): string {
  return `${runEmoji(run.statusKind)} ${escapeMrkdwn(plainLine(run.statusName, 60))}`;
}

/** "1m 36s", or "running for 5m" while it runs; undefined when the times do not allow either. */
export function durationLabel(run: Pick<WorkflowRun, 'statusKind' | 'startedAt' | 'endedAt'>, now: Date): string | undefined {
  if (!run.startedAt) return undefined;
  if (run.endedAt) return formatDuration(run.endedAt.getTime() - run.startedAt.getTime());
  return isRunning(run.statusKind) ? `running for ${formatDuration(now.getTime() - run.startedAt.getTime())}` : undefined;
}

function failedSteps(run: WorkflowRun): RunStep[] {
  return run.steps.filter((step) => stepOutcome(step.state) === 'failed');
}

/** The error to show: the run's own, else the first failed step's. */
function errorOf(run: WorkflowRun): { text: string; step?: string } | undefined {
  if (run.error) return { text: run.error, step: failedSteps(run)[0]?.name };
  const step = run.steps.find((s) => s.error);
  return step?.error ? { text: step.error, step: step.name } : undefined;
}

function stepLine(step: RunStep): string {
  return `${STEP_EMOJI[stepOutcome(step.state)]} ${inlineCode(step.name, 100)} ${escapeMrkdwn(plainLine(step.state, 40).toLowerCase())}`;
}

function countSummary(steps: RunStep[]): string {
  const counts = new Map<StepOutcome, number>();
  for (const step of steps) counts.set(stepOutcome(step.state), (counts.get(stepOutcome(step.state)) ?? 0) + 1);
  return STEP_ORDER.filter((outcome) => counts.has(outcome))
    .map((outcome) => `${counts.get(outcome)} ${outcome}`)
    .join(', ');
}

/** Failed and running steps first; the rest, when too many, summarised by state. */
export function stepsText(steps: RunStep[], budget = BUDGET.steps, maxLines = BUDGET.stepLines): string {
  const ordered = [...steps].sort((a, b) => STEP_ORDER.indexOf(stepOutcome(a.state)) - STEP_ORDER.indexOf(stepOutcome(b.state)));
  const heading = `*Steps* (${steps.length}: ${countSummary(steps)})`;
  const lines: string[] = [];
  let used = heading.length;
  for (const step of ordered) {
    const line = stepLine(step);
    // Reserve room for the "…and N more" line.
    if (lines.length >= maxLines || used + line.length + 1 > budget - 120) break;
    lines.push(line);
    used += line.length + 1;
  }
  const rest = ordered.slice(lines.length);
  if (rest.length > 0) lines.push(`…and ${rest.length} more: ${countSummary(rest)}`);
  return [heading, ...lines].join('\n');
}

function field(label: string, value: string): { type: 'mrkdwn'; text: string } {
  return mrkdwn(`*${label}*\n${value}`);
}

export function openInDatadogButton(site: DatadogSite, run: { workflowId: string; instanceId: string }): Button {
  return {
    type: 'button',
    action_id: OPEN_IN_DATADOG_ACTION,
    text: { type: 'plain_text', text: 'Open in Datadog' },
    url: runUrl(site, run.workflowId, run.instanceId),
  };
}

function runFields(run: WorkflowRun, now: Date): SectionBlock {
  const duration = durationLabel(run, now);
  const fields = [
    field('Status', statusLabel(run)),
    field('Started by', run.startedBy ? escapeMrkdwn(plainLine(run.startedBy, BUDGET.fieldValue)) : '_unknown_'),
    field('Started', run.startedAt ? slackDate(run.startedAt) : '_unknown_'),
    field('Ended', run.endedAt ? slackDate(run.endedAt) : isRunning(run.statusKind) ? '_still running_' : '_unknown_'),
  ];
  if (duration) fields.push(field('Duration', duration.replace(/^running for/, 'Running for')));
  return { type: 'section', fields };
}

export function runTextFallback(run: WorkflowRun, site: DatadogSite): string {
  const failed = failedSteps(run)[0];
  const at = failed ? ` at step ${plainLine(failed.name, 100)}` : '';
  return escapeMrkdwn(
    `${plainLine(run.statusName, 60)}${at}: ${plainLine(runTitle(run), BUDGET.name)} (run ${run.instanceId}). ${runUrl(site, run.workflowId, run.instanceId)}`,
  );
}

/** The full reply for one run: state, who and when, steps, the error, and a link to the run. */
export function renderRun(run: WorkflowRun, { site, now }: RunRenderContext, extraActions: Button[] = []): Reply {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: plainLine(`${runTitle(run)}`, BUDGET.name) || 'Workflow run', emoji: false } },
    runFields(run, now),
    {
      type: 'context',
      elements: [mrkdwn(`Workflow ${inlineCode(run.workflowId, 60)} · Run ${inlineCode(run.instanceId, 60)}`)],
    },
  ];
  if (run.steps.length > 0) blocks.push({ type: 'section', text: mrkdwn(stepsText(run.steps)) });
  const error = errorOf(run);
  if (error) {
    const where = error.step ? ` in step ${inlineCode(error.step, 100)}` : '';
    blocks.push({ type: 'section', text: mrkdwn(`*Error*${where}\n${codeBlock(error.text, BUDGET.error)}`) });
  }
  const actions: ActionsBlock = { type: 'actions', elements: [openInDatadogButton(site, run), ...extraActions] };
  blocks.push(actions);
  return { text: runTextFallback(run, site), blocks };
}

/** A few lines for one run among several in one message. */
export function compactRunText(run: WorkflowRun, { site, now }: RunRenderContext, budget: number): string {
  const link = `<${runUrl(site, run.workflowId, run.instanceId)}|${escapeMrkdwn(plainLine(runTitle(run), 80))}>`;
  const when = [run.startedAt ? `started ${slackDate(run.startedAt)}` : undefined, durationLabel(run, now), run.startedBy ? `by ${escapeMrkdwn(plainLine(run.startedBy, 80))}` : undefined]
    .filter(Boolean)
    .join(' · ');
  const failed = failedSteps(run)[0];
  const lines = [`${statusLabel(run)} *${link}*`, `Run ${inlineCode(run.instanceId, 60)}${when ? ` · ${when}` : ''}`];
  if (failed) lines.push(`Failed step: ${inlineCode(failed.name, 100)}`);
  const head = lines.join('\n');
  const error = errorOf(run);
  const room = budget - head.length - 1;
  return error && room > 120 ? `${head}\n${codeBlock(error.text, Math.min(room, 700))}` : head;
}
