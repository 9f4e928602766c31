import type { KnownBlock, ModalView } from '@slack/types';
import type { DatadogFailure } from '../core/failures';
import type { RunRef, SpecStep, WorkflowRun } from '../core/run';
import type { DatadogSite } from '../core/sites';
import { section } from './blocks';
import { type FailureContext, failureText } from './failureReply';
import { LIMITS } from './limits';
import { codeBlocks, escapedLine, inlineCode } from './mrkdwn';
import { shownParameterValue } from './parameterMask';
import {
  actionLine,
  errorOf,
  failedStepDefinition,
  openInDatadogButton,
  orderedSteps,
  type RunRenderContext,
  runTitle,
  statusLabel,
  stepLine,
} from './runReply';
import { slackDate } from './time';

/** The "Show full error" modal: every step and the whole error, split across blocks within the modal limits. */

const TITLE = 'Run details';
/** Sections for the step list, so a huge list still leaves most of the modal to the error. */
const MAX_STEP_SECTIONS = 30;
/** Sections for the failed step's inputs, so they never crowd out the error. */
const MAX_PARAMETER_SECTIONS = 8;
/** Characters of a parameter's value shown once escaped: a few lines of the modal each. */
const MAX_VALUE = 500;

function modal(blocks: KnownBlock[]): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: TITLE },
    close: { type: 'plain_text', text: 'Close' },
    blocks,
  };
}

/** A modal that only says something: loading, or what went wrong. `text` is mrkdwn, already escaped. */
export function renderNoticeModal(text: string): ModalView {
  return modal([section(text)]);
}

/** Opened at once, while the trigger_id is fresh; replaced when Datadog answers. */
export function renderLoadingModal(): ModalView {
  return renderNoticeModal(':hourglass_flowing_sand: Fetching the run from Datadog…');
}

/** Slack refused the run's details (too big, malformed, the window gone): say so, with the run's link, so nothing spins. */
export function renderModalNotShown(ref: RunRef, site: DatadogSite): ModalView {
  return modal([
    section(
      ':warning: Slack did not take the run’s details, so they cannot be shown here. Open the run in Datadog, or close this window and press *Show full error* again.',
    ),
    { type: 'actions', elements: [openInDatadogButton(site, ref)] },
  ]);
}

/** Lines packed into as few texts of at most `max` characters as they fit in, up to `maxTexts`. */
function packLines(lines: string[], max: number, maxTexts: number): { texts: string[]; left: number } {
  const texts: string[] = [];
  let index = 0;
  while (index < lines.length && texts.length < maxTexts) {
    let text = lines[index++]!;
    while (index < lines.length && text.length + 1 + lines[index]!.length <= max) text += `\n${lines[index++]}`;
    texts.push(text);
  }
  return { texts, left: lines.length - index };
}

/** The failed step's action and its inputs as `name = value` lines (secret-looking values hidden), in sections. */
function parameterBlocks(step: SpecStep): KnownBlock[] {
  if (step.parameters.length === 0) return [];
  const action = actionLine(step);
  const lines = [
    `*Inputs of the failed step* (${step.parameters.length})${action ? `\n${action}` : ''}`,
    ...step.parameters.map(
      (parameter) => `${inlineCode(parameter.name, 100)} = ${inlineCode(shownParameterValue(parameter), MAX_VALUE)}`,
    ),
  ];
  const { texts, left } = packLines(lines, LIMITS.sectionText, MAX_PARAMETER_SECTIONS);
  const blocks: KnownBlock[] = texts.map((text) => section(text));
  if (left > 0)
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `…and ${left} more inputs: open the run in Datadog for all of them.` }],
    });
  return blocks;
}

export function renderRunModal(run: WorkflowRun, { site, now }: RunRenderContext): ModalView {
  const blocks: KnownBlock[] = [
    section(
      `${statusLabel(run)} *${escapedLine(runTitle(run), 200)}*\nWorkflow ${inlineCode(run.workflowId, 60)} · Run ${inlineCode(run.instanceId, 60)} · Fetched ${slackDate(now)}`,
    ),
  ];
  if (run.steps.length > 0) {
    const lines = [
      `*Steps* (${run.steps.length})`,
      ...orderedSteps(run).map((listed) => stepLine(listed, run.steps.length)),
    ];
    const { texts, left } = packLines(lines, LIMITS.sectionText, MAX_STEP_SECTIONS);
    blocks.push(...texts.map((text) => section(text)));
    if (left > 0)
      blocks.push({
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `…and ${left} more steps: open the run in Datadog for all of them.` }],
      });
  }
  const definition = failedStepDefinition(run);
  const inputs = definition ? parameterBlocks(definition) : [];
  const error = errorOf(run);
  if (error) {
    blocks.push(
      section(
        `*Error*${error.step ? ` in step ${inlineCode(error.step, 100)}` : ''} (${error.text.length.toLocaleString('en-US')} characters)`,
      ),
    );
    if (error.message) blocks.push(section(escapedLine(error.message, LIMITS.sectionText - 100)));
    // Room for the error: what is left of the modal, less the inputs and the link at the end.
    const room = LIMITS.blocks.modal - blocks.length - inputs.length - 1;
    const { blocks: parts } = codeBlocks(error.text, LIMITS.sectionText, room);
    blocks.push(...parts.map((part) => section(part)));
  } else {
    blocks.push(section('_This run has no error._'));
  }
  blocks.push(...inputs);
  blocks.push({ type: 'actions', elements: [openInDatadogButton(site, run)] });
  return modal(blocks);
}

/** Datadog's refusal or absence, in the same words as a lookup's reply. */
export function renderFailureModal(failure: DatadogFailure, context: FailureContext): ModalView {
  return renderNoticeModal(failureText(failure, context));
}
