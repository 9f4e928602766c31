import type { ActionsBlock, Button, KnownBlock, SectionBlock } from '@slack/types';
import { hasEnded, type RunStep, type RunSummary, type WorkflowRun } from '../core/run';
import { type DatadogSite, runUrl } from '../core/sites';
import { section } from './blocks';
import { humanMessage } from './errorText';
import { codeBlocks, escapedLine, escapeMrkdwn, inlineCode, plainLine } from './mrkdwn';
import type { Reply } from './reply';
import { runButton } from './runButtons';
import { OPEN_IN_DATADOG_ACTION, RUN_ACTIONS } from './slackIds';
import { runEmoji, STEP_EMOJI, STEP_ORDER, type StepOutcome, stepOutcome } from './status';
import { formatDuration, slackDate } from './time';

export interface RunRenderContext {
  site: DatadogSite;
  /** When the run was fetched: shown as such, and the clock for "running for". */
  now: Date;
  /** SHARE_ENABLED off: no Share button. */
  shareEnabled?: boolean;
  /** Failures are worded for the person running dd-instance (FailureContext.forOperator). */
  forOperator?: boolean;
  /** The reader may act on this run (ACTIONS_ENABLED, an allowed actor): its act buttons show. */
  mayAct?: boolean;
}

/** Private replies carry every button; one shared to the channel names who shared it and keeps only the link. */
export interface RunAudience {
  sharedBy?: string;
  /** A DM: only the link, no buttons that answer in place. */
  linkOnly?: boolean;
  /** Said at the end of the context line (mrkdwn, already escaped), e.g. that a shared message is kept up to date. */
  note?: string;
}

/** Character budgets that keep a whole reply far below Slack's ~12k total, whatever Datadog sends. */
const BUDGET = { steps: 2600, stepLines: 30, error: 2600, name: 120, fieldValue: 300 };

export function runTitle(run: WorkflowRun): string {
  return run.workflowName ?? `Workflow ${run.workflowId}`;
}

function mrkdwn(text: string): { type: 'mrkdwn'; text: string } {
  return { type: 'mrkdwn', text };
}

export function statusLabel(run: Pick<WorkflowRun, 'statusKind' | 'statusName'>): string {
  return `${runEmoji(run.statusKind)} ${escapedLine(run.statusName, 60)}`;
}

/** "1m 36s", or "running for 5m" while it runs; undefined when the times do not allow either. */
function durationLabel(run: Pick<WorkflowRun, 'statusKind' | 'startedAt' | 'endedAt'>, now: Date): string | undefined {
  if (!run.startedAt) return undefined;
  if (run.endedAt) return formatDuration(run.endedAt.getTime() - run.startedAt.getTime());
  return !hasEnded(run) ? `running for ${formatDuration(now.getTime() - run.startedAt.getTime())}` : undefined;
}

function failedSteps(run: WorkflowRun): RunStep[] {
  return run.steps.filter((step) => stepOutcome(step.state) === 'failed');
}

/** An error to show: Datadog's whole text, the step it belongs to, and the human message inside it when JSON. */
export interface ShownError {
  text: string;
  step?: string;
  message?: string;
}

/** The error to show: the failed step's own (the most precise), else the run's, else any step's. */
export function errorOf(run: WorkflowRun): ShownError | undefined {
  const failed = failedSteps(run);
  const own = failed.find((step) => step.error);
  const anyStep = run.steps.find((step) => step.error);
  const picked =
    own?.error !== undefined
      ? { text: own.error, step: own.name }
      : run.error
        ? { text: run.error, step: failed[0]?.name }
        : anyStep?.error !== undefined
          ? { text: anyStep.error, step: anyStep.name }
          : undefined;
  return picked && { ...picked, message: humanMessage(picked.text) };
}

/** The error section of a reply: the human message when there is one (the raw JSON waits behind "Show full error"). */
function errorSection(error: ShownError): { text: string; cut: boolean } {
  const where = error.step ? ` in step ${inlineCode(error.step, 100)}` : '';
  if (error.message) {
    return {
      text: `*Error*${where}
${escapedLine(error.message, BUDGET.error - 200)}`,
      cut: true,
    };
  }
  const code = codeBlocks(error.text, BUDGET.error, 1);
  return {
    text: `*Error*${where}
${code.blocks[0]}`,
    cut: code.cut,
  };
}

export function stepLine(step: RunStep): string {
  return `${STEP_EMOJI[stepOutcome(step.state)]} ${inlineCode(step.name, 100)} ${escapeMrkdwn(plainLine(step.state, 40).toLowerCase())}`;
}

function countSummary(steps: RunStep[]): string {
  const counts = new Map<StepOutcome, number>();
  for (const step of steps) counts.set(stepOutcome(step.state), (counts.get(stepOutcome(step.state)) ?? 0) + 1);
  return STEP_ORDER.filter((outcome) => counts.has(outcome))
    .map((outcome) => `${counts.get(outcome)} ${outcome}`)
    .join(', ');
}

/** Failed and running steps come first, so a bounded list keeps what matters at 3 a.m. */
export function orderedSteps(steps: RunStep[]): RunStep[] {
  return [...steps].sort((a, b) => STEP_ORDER.indexOf(stepOutcome(a.state)) - STEP_ORDER.indexOf(stepOutcome(b.state)));
}

function stepList(steps: RunStep[], budget: number, maxLines: number): { text: string; hidden: number } {
  const ordered = orderedSteps(steps);
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
  return { text: [heading, ...lines].join('\n'), hidden: rest.length };
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
    field('Ended', run.endedAt ? slackDate(run.endedAt) : !hasEnded(run) ? '_still running_' : '_unknown_'),
  ];
  if (duration) fields.push(field('Duration', duration.replace(/^running for/, 'Running for')));
  return { type: 'section', fields };
}

function runTextFallback(run: WorkflowRun, site: DatadogSite): string {
  const failed = failedSteps(run)[0];
  const at = failed ? ` at step ${plainLine(failed.name, 100)}` : '';
  return escapeMrkdwn(
    `${plainLine(run.statusName, 60)}${at}: ${plainLine(runTitle(run), BUDGET.name)} (run ${run.instanceId}). ${runUrl(site, run.workflowId, run.instanceId)}`,
  );
}

/** A Slack user ID becomes a mention; anything else is shown as escaped text. */
export function userMention(userId: string): string {
  return /^[UW][A-Z0-9]{2,20}$/.test(userId) ? `<@${userId}>` : escapedLine(userId, 40);
}

function runActions(run: WorkflowRun, context: RunRenderContext, audience: RunAudience, cut: boolean): Button[] {
  const { site } = context;
  const link = openInDatadogButton(site, run);
  if (audience.sharedBy !== undefined || audience.linkOnly) return [link];
  const buttons = [runButton(RUN_ACTIONS.refresh, 'Refresh', run, site)];
  if (context.shareEnabled !== false) buttons.push(runButton(RUN_ACTIONS.share, 'Share to channel', run, site));
  if (!hasEnded(run)) buttons.push(runButton(RUN_ACTIONS.follow, 'Notify me when it finishes', run, site));
  if (hasEnded(run) && context.mayAct) buttons.push(runButton(RUN_ACTIONS.runAgain, 'Run again', run, site));
  if (cut) buttons.push(runButton(RUN_ACTIONS.fullError, 'Show full error', run, site));
  return [...buttons, link];
}

/** The full reply for one run: state, who and when, steps, the error, and its buttons. */
export function renderRun(run: WorkflowRun, context: RunRenderContext, audience: RunAudience = {}): Reply {
  const { site, now } = context;
  const shared = [
    audience.sharedBy !== undefined ? ` · Shared by ${userMention(audience.sharedBy)}` : '',
    audience.note ? ` · ${audience.note}` : '',
  ].join('');
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: plainLine(`${runTitle(run)}`, BUDGET.name) || 'Workflow run', emoji: false },
    },
    runFields(run, now),
    {
      type: 'context',
      elements: [
        mrkdwn(
          `Workflow ${inlineCode(run.workflowId, 60)} · Run ${inlineCode(run.instanceId, 60)} · Fetched ${slackDate(now)}${shared}`,
        ),
      ],
    },
  ];
  let cut = false;
  if (run.steps.length > 0) {
    const steps = stepList(run.steps, BUDGET.steps, BUDGET.stepLines);
    cut = steps.hidden > 0;
    blocks.push(section(steps.text));
  }
  const error = errorOf(run);
  if (error) {
    const shown = errorSection(error);
    cut ||= shown.cut;
    blocks.push(section(shown.text));
  }
  const actions: ActionsBlock = { type: 'actions', elements: runActions(run, context, audience, cut) };
  blocks.push(actions);
  return { text: runTextFallback(run, site), blocks };
}

/** Where and when a run started and who started it: one line in a list of runs. */
function runWhenText(run: RunSummary, now: Date): string {
  return [
    run.startedAt ? slackDate(run.startedAt) : 'start unknown',
    durationLabel(run, now),
    run.startedBy ? `by ${escapedLine(run.startedBy, 80)}` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** A few lines for one run in a list; a fetched run also names its workflow and failed step. */
export function runRowText(run: RunSummary & Partial<Pick<WorkflowRun, 'workflowName' | 'steps'>>, now: Date): string {
  const title = run.workflowName ? ` *${escapedLine(run.workflowName, 80)}*` : '';
  const failed = run.steps?.find((step) => stepOutcome(step.state) === 'failed');
  const failedAt = failed ? ` · failed at ${inlineCode(failed.name, 60)}` : '';
  return `${statusLabel(run)}${title}\n${runWhenText(run, now)}\nRun ${inlineCode(run.instanceId, 60)}${failedAt}`;
}
