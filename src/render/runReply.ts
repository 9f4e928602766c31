import type { ActionsBlock, Button, KnownBlock, SectionBlock } from '@slack/types';
import { hasEnded, type RunStep, type RunSummary, type SpecStep, type WorkflowRun } from '../core/run';
import type { RunHistory } from '../core/runHistory';
import { stepDefinition, stepsInRunOrder } from '../core/runSteps';
import { type DatadogSite, runUrl } from '../core/sites';
import { section } from './blocks';
import { humanMessage } from './errorText';
import { codeBlocks, escapedLine, escapeMrkdwn, inlineCode, plainLine } from './mrkdwn';
import type { Reply } from './reply';
import { runButton } from './runButtons';
import { historyLine } from './runHistory';
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
  /** Workflows (lowercase IDs) the reader may act on: their running runs get Cancel run, their ended ones Run again. None when absent. */
  actableWorkflows?: ReadonlySet<string>;
  /** The workflow's last runs: the history line; left out when the list did not come in time. */
  history?: RunHistory;
}

/** Private replies carry every button; one shared to the channel names who shared it and keeps only the link. */
export interface RunAudience {
  sharedBy?: string;
  /** A DM: only the link, no buttons that answer in place. */
  linkOnly?: boolean;
  /** Said at the end of the context line (mrkdwn, already escaped), e.g. that a shared message is kept up to date. */
  note?: string;
}

/** Character budgets that keep a whole reply far below Slack's ~12k total (and a confirmation below its 300), whatever Datadog sends. */
const BUDGET = { steps: 2600, stepLines: 30, error: 2600, name: 120, fieldValue: 300, confirmName: 150 };

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

/** The failed step: the first failed one with an error of its own, else the first failed one. */
function failedStep(run: WorkflowRun): RunStep | undefined {
  const failed = failedSteps(run);
  return failed.find((step) => step.error !== undefined) ?? failed[0];
}

/** What the spec says the failed step does, when it has the step. */
export function failedStepDefinition(run: WorkflowRun): SpecStep | undefined {
  const failed = failedStep(run);
  return failed && stepDefinition(run.spec, failed.name);
}

/** The failed step's action, e.g. `Rollback_deployment · com.datadoghq.kubernetes.patchDeployment`. */
export function actionLine(step: SpecStep): string | undefined {
  return step.actionId ? `:gear: ${inlineCode(`${step.name} · ${step.actionId}`, 200)}` : undefined;
}

/** An error to show: Datadog's whole text, the step it belongs to, and the human message inside it when JSON. */
export interface ShownError {
  text: string;
  step?: string;
  message?: string;
}

/** The error to show: the failed step's own (the most precise), else the run's, else any step's. */
export function errorOf(run: WorkflowRun): ShownError | undefined {
  const own = failedStep(run);
  const anyStep = run.steps.find((step) => step.error);
  const picked =
    own?.error !== undefined
      ? { text: own.error, step: own.name }
      : run.error
        ? { text: run.error, step: own?.name }
        : anyStep?.error !== undefined
          ? { text: anyStep.error, step: anyStep.name }
          : undefined;
  return picked && { ...picked, message: humanMessage(picked.text) };
}

/** The error section of a reply: the human message when there is one (the raw JSON waits behind "Show full error"). */
function errorSection(error: ShownError, action: string | undefined): { text: string; cut: boolean } {
  const where = `${error.step ? ` in step ${inlineCode(error.step, 100)}` : ''}${action ? `\n${action}` : ''}`;
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

/** A step as listed, with its place in the run when it is listed ahead of its turn and the spec tells the order. */
export interface ListedStep {
  step: RunStep;
  place?: number;
}

export function stepLine({ step, place }: ListedStep, total: number): string {
  const at = place === undefined ? '' : ` · step ${place} of ${total}`;
  return `${STEP_EMOJI[stepOutcome(step.state)]} ${inlineCode(step.name, 100)} ${escapeMrkdwn(plainLine(step.state, 40).toLowerCase())}${at}`;
}

function countSummary(steps: RunStep[]): string {
  const counts = new Map<StepOutcome, number>();
  for (const step of steps) counts.set(stepOutcome(step.state), (counts.get(stepOutcome(step.state)) ?? 0) + 1);
  return STEP_ORDER.filter((outcome) => counts.has(outcome))
    .map((outcome) => `${counts.get(outcome)} ${outcome}`)
    .join(', ');
}

const byOutcome = (a: RunStep, b: RunStep) =>
  STEP_ORDER.indexOf(stepOutcome(a.state)) - STEP_ORDER.indexOf(stepOutcome(b.state));
const AHEAD: StepOutcome[] = ['failed', 'running'];

/**
 * Failed and running steps come first, so a bounded list keeps what matters at 3 a.m.; then the rest in the
 * order they ran, or, when the spec does not tell it, by outcome.
 */
export function orderedSteps(run: Pick<WorkflowRun, 'steps' | 'spec'>): ListedStep[] {
  const ran = stepsInRunOrder(run);
  if (!ran) return [...run.steps].sort(byOutcome).map((step) => ({ step }));
  const ahead = ran.flatMap((step, index) =>
    AHEAD.includes(stepOutcome(step.state)) ? [{ step, place: index + 1 }] : [],
  );
  const rest = ran.filter((step) => !AHEAD.includes(stepOutcome(step.state))).map((step) => ({ step }));
  return [...ahead.sort((a, b) => byOutcome(a.step, b.step)), ...rest];
}

function stepList(run: WorkflowRun, budget: number, maxLines: number): { text: string; hidden: number } {
  const { steps } = run;
  const ordered = orderedSteps(run);
  const heading = `*Steps* (${steps.length}: ${countSummary(steps)})`;
  const lines: string[] = [];
  let used = heading.length;
  for (const listed of ordered) {
    const line = stepLine(listed, steps.length);
    // Reserve room for the "…and N more" line.
    if (lines.length >= maxLines || used + line.length + 1 > budget - 120) break;
    lines.push(line);
    used += line.length + 1;
  }
  const rest = ordered.slice(lines.length);
  if (rest.length > 0) lines.push(`…and ${rest.length} more: ${countSummary(rest.map(({ step }) => step))}`);
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

/** `more` when the reply left out something "Show full error" shows: part of the error or steps, or the failed step's inputs. */
function runActions(run: WorkflowRun, context: RunRenderContext, audience: RunAudience, more: boolean): Button[] {
  const { site } = context;
  const link = openInDatadogButton(site, run);
  if (audience.sharedBy !== undefined || audience.linkOnly) return [link];
  const buttons = [runButton(RUN_ACTIONS.refresh, 'Refresh', run, site)];
  if (context.shareEnabled !== false) buttons.push(runButton(RUN_ACTIONS.share, 'Share to channel', run, site));
  if (!hasEnded(run)) buttons.push(runButton(RUN_ACTIONS.follow, 'Notify me when it finishes', run, site));
  const actable = context.actableWorkflows?.has(run.workflowId.toLowerCase()) === true;
  if (actable)
    buttons.push(hasEnded(run) ? runButton(RUN_ACTIONS.runAgain, 'Run again', run, site) : cancelRunButton(run, site));
  if (more) buttons.push(runButton(RUN_ACTIONS.fullError, 'Show full error', run, site));
  return [...buttons, link];
}

/** Cancel run, with Slack's own confirmation naming the workflow and the run before anything is sent. */
function cancelRunButton(run: WorkflowRun, site: DatadogSite): Button {
  return {
    ...runButton(RUN_ACTIONS.cancel, 'Cancel run', run, site),
    style: 'danger',
    confirm: {
      title: { type: 'plain_text', text: 'Cancel this run?' },
      text: {
        type: 'plain_text',
        text: `Cancel run ${run.instanceId} of “${plainLine(runTitle(run), BUDGET.confirmName)}”? Datadog stops it where it is; this cannot be undone.`,
      },
      confirm: { type: 'plain_text', text: 'Cancel run' },
      deny: { type: 'plain_text', text: 'Keep it running' },
      style: 'danger',
    },
  };
}

/** The history line as a context block of its own, when there is a history. */
function historyContext(run: WorkflowRun, { history, now }: RunRenderContext): KnownBlock[] {
  const line = historyLine(run, history, now);
  return line ? [{ type: 'context', elements: [mrkdwn(line)] }] : [];
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
    ...historyContext(run, context),
    {
      type: 'context',
      elements: [
        mrkdwn(
          `Workflow ${inlineCode(run.workflowId, 60)} · Run ${inlineCode(run.instanceId, 60)} · Fetched ${slackDate(now)}${shared}`,
        ),
      ],
    },
  ];
  const definition = failedStepDefinition(run);
  let more = (definition?.parameters.length ?? 0) > 0;
  if (run.steps.length > 0) {
    const steps = stepList(run, BUDGET.steps, BUDGET.stepLines);
    more ||= steps.hidden > 0;
    blocks.push(section(steps.text));
  }
  const error = errorOf(run);
  const action = definition && actionLine(definition);
  if (error) {
    const shown = errorSection(error, action);
    more ||= shown.cut;
    blocks.push(section(shown.text));
  } else if (action) blocks.push(section(action));
  const actions: ActionsBlock = { type: 'actions', elements: runActions(run, context, audience, more) };
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
