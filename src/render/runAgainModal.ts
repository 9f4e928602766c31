import type { InputBlock, InputBlockElement, KnownBlock, ModalView } from '@slack/types';
import { isUuid, type RunRef, type WorkflowInfo, type WorkflowInput } from '../core/run';
import type { RunAgainForm } from '../core/runAgain';
import { fieldOf, INPUT_NUMBER_LIMIT, type SubmittedInput } from '../core/runInputs';
import { type DatadogSite, isDatadogSite } from '../core/sites';
import { section } from './blocks';
import { LIMITS } from './limits';
import { escapedLine, inlineCode, plainLine } from './mrkdwn';
import { presentRunAgainFormProblem } from './runAgainReply';
import type { SecretMask } from './secretMask';
import { RUN_AGAIN_VIEW } from './slackIds';

/**
 * The Run again form: one field per declared input, and what its submission carries back (the run, where to answer);
 * and the modal it replaces, opened at once on the click: loading, then the form or why there is none.
 */

/** What the form carries to its submission: the repeated run, and the clicked reply's response_url for the answer. */
export interface RunAgainContext {
  ref: RunRef;
  site: DatadogSite;
  responseUrl?: string;
  channelId?: string;
}

const TEXT_MAX = LIMITS.inputValue;
/** Blocks besides the inputs: the intro and its context line. */
const INTRO_BLOCKS = 2;

const JSON_HINT: Record<string, string> = {
  OBJECT: 'A JSON object, like {"key": "value"}.',
  ARRAY_STRING: 'A JSON array of texts, like ["a", "b"].',
  ARRAY_NUMBER: 'A JSON array of numbers, like [1, 2].',
  ARRAY_BOOLEAN: 'A JSON array of true or false, like [true, false].',
  ARRAY_OBJECT: 'A JSON array of objects, like [{"key": "value"}].',
};

function plain(text: string) {
  return { type: 'plain_text' as const, text };
}

/** A starting value as text; undefined when it does not fit the field. */
function asText(value: unknown, json: boolean): string | undefined {
  if (value === undefined) return undefined;
  const text = !json && typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return text !== undefined && text.length <= TEXT_MAX ? text : undefined;
}

function fieldElement(input: WorkflowInput, value: unknown): InputBlockElement {
  const action_id = input.type.slice(0, LIMITS.actionId);
  switch (fieldOf(input.type)) {
    case 'checkbox':
      return {
        type: 'checkboxes',
        action_id,
        options: [{ text: plain('Yes'), value: 'true' }],
        ...(value === true ? { initial_options: [{ text: plain('Yes'), value: 'true' }] } : {}),
      };
    case 'number':
      return {
        type: 'number_input',
        action_id,
        is_decimal_allowed: true,
        min_value: String(-INPUT_NUMBER_LIMIT),
        max_value: String(INPUT_NUMBER_LIMIT),
        // Slack refuses a form whose starting number is outside the field's own range.
        ...(typeof value === 'number' && Math.abs(value) <= INPUT_NUMBER_LIMIT ? { initial_value: String(value) } : {}),
      };
    case 'text': {
      const text = asText(value, false);
      return { type: 'plain_text_input', action_id, max_length: TEXT_MAX, ...(text ? { initial_value: text } : {}) };
    }
    case 'json': {
      const text = asText(value, true);
      return {
        type: 'plain_text_input',
        action_id,
        multiline: true,
        max_length: TEXT_MAX,
        ...(text ? { initial_value: text } : {}),
      };
    }
  }
}

/** Said on a field left empty because its starting value held a configured secret. */
const SECRET_HINT = 'Its starting value held a secret, which is not shown here: enter it again.';

/**
 * A starting value holding a configured secret would show masked and be submitted masked, starting a run with the
 * wrong value, so such a field starts empty.
 */
function holdsSecret(value: unknown, mask: SecretMask | undefined): boolean {
  return mask !== undefined && value !== undefined && JSON.stringify(mask(value)) !== JSON.stringify(value);
}

function inputBlock(input: WorkflowInput, start: unknown, mask: SecretMask | undefined): InputBlock {
  const secret = holdsSecret(start, mask);
  const value = secret ? undefined : start;
  const typeHint = fieldOf(input.type) === 'json' ? (JSON_HINT[input.type] ?? 'JSON.') : undefined;
  // The secret's hint first, so a long description never cuts it off.
  const hint = [secret ? SECRET_HINT : undefined, input.description, typeHint].filter(Boolean).join(' ');
  return {
    type: 'input',
    // The input's name is its block ID, so the submission names each value and each field error lands on its field.
    block_id: input.name,
    optional: true,
    label: plain(plainLine(input.label?.trim() || input.name, LIMITS.inputLabel) || input.name),
    ...(hint ? { hint: plain(plainLine(hint, LIMITS.inputHint)) } : {}),
    element: fieldElement(input, value),
  };
}

function formModal(blocks: KnownBlock[], context: RunAgainContext, submit: boolean): ModalView {
  return {
    type: 'modal',
    callback_id: RUN_AGAIN_VIEW,
    title: plain('Run again'),
    close: plain('Cancel'),
    ...(submit ? { submit: plain('Start run') } : {}),
    private_metadata: formMetadata(context),
    blocks,
  };
}

/**
 * The form for a new run of `workflow`: a field per input starting from `values` (empty where a value holds one of
 * the secrets `mask` blanks), or a confirm-only form without inputs.
 */
export function renderRunAgainModal(
  workflow: WorkflowInfo,
  values: Record<string, unknown>,
  context: RunAgainContext,
  mask?: SecretMask,
): ModalView {
  const inputs = workflow.inputs ?? [];
  const name = workflow.name ? `*${escapedLine(workflow.name, 150)}*` : `workflow ${inlineCode(workflow.workflowId)}`;
  const about = {
    type: 'context' as const,
    elements: [
      {
        type: 'mrkdwn' as const,
        text: `Workflow ${inlineCode(workflow.workflowId)} · repeats run ${inlineCode(context.ref.instanceId)}`,
      },
    ],
  };
  const unfit =
    inputs.length > LIMITS.blocks.modal - INTRO_BLOCKS || inputs.some((i) => i.name.length > LIMITS.blockId);
  if (unfit)
    return formModal(
      [
        section(
          `:warning: ${name} takes ${inputs.length} inputs, more than a Slack form can hold (or with names too long for one), so it cannot be started from here. Start it in Datadog.`,
        ),
        about,
      ],
      context,
      false,
    );
  const intro =
    inputs.length === 0
      ? `Start a new run of ${name}? It takes no inputs.`
      : `Start a new run of ${name} with these inputs. They start from the repeated run's where Datadog gave them, else from the workflow's defaults; a field left empty takes the default.`;
  return formModal(
    [section(intro), about, ...inputs.map((input) => inputBlock(input, values[input.name], mask))],
    context,
    true,
  );
}

/** A Run again modal that only says something, closed with Close; nothing to submit. */
function noticeModal(blocks: KnownBlock[]): ModalView {
  return { type: 'modal', title: plain('Run again'), close: plain('Close'), blocks };
}

/** A Run again modal saying `text` (mrkdwn, already escaped). */
export function renderRunAgainNotice(text: string): ModalView {
  return noticeModal([section(text)]);
}

/** Opened at once on the click, while its trigger_id is fresh; replaced by the form, or by why there is none. */
export function renderRunAgainLoading(): ModalView {
  return renderRunAgainNotice(":hourglass_flowing_sand: Reading the workflow's inputs from Datadog…");
}

/** Why no form: refused, or Datadog failed; the same words as the private reply that says it. */
export function renderRunAgainProblem(
  form: Exclude<RunAgainForm, { kind: 'form' }>,
  ref: RunRef,
  site: DatadogSite,
): ModalView {
  return noticeModal(presentRunAgainFormProblem(form, ref, site).blocks);
}

/** Short keys: the metadata holds at most 3000 characters. */
function formMetadata({ ref, site, responseUrl, channelId }: RunAgainContext): string {
  return JSON.stringify({ w: ref.workflowId, i: ref.instanceId, s: site, u: responseUrl, c: channelId });
}

type Json = Record<string, unknown>;

const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function readMetadata(raw: unknown): RunAgainContext | undefined {
  let parsed: unknown;
  try {
    parsed = typeof raw === 'string' ? JSON.parse(raw) : undefined;
  } catch {
    return undefined;
  }
  if (!isJson(parsed)) return undefined;
  const { w, i, s, u, c } = parsed;
  if (typeof w !== 'string' || typeof i !== 'string' || !isUuid(w) || !isUuid(i)) return undefined;
  if (typeof s !== 'string' || !isDatadogSite(s)) return undefined;
  return {
    ref: { workflowId: w.toLowerCase(), instanceId: i.toLowerCase() },
    site: s,
    ...(typeof u === 'string' ? { responseUrl: u } : {}),
    ...(typeof c === 'string' ? { channelId: c } : {}),
  };
}

/** One field's state as Slack sends it back: its input's type is the element's action ID. */
function readField(name: string, field: unknown): SubmittedInput[] {
  if (!isJson(field)) return [];
  return Object.entries(field).flatMap(([type, state]): SubmittedInput[] => {
    if (!isJson(state)) return [];
    if (state.type === 'checkboxes')
      return [{ name, type, checked: Array.isArray(state.selected_options) && state.selected_options.length > 0 }];
    const text = state.value;
    return [{ name, type, text: typeof text === 'string' ? text : null }];
  });
}

/** A submitted form read back: what it repeats and each field; undefined when it is not one this bot drew. */
export function readRunAgainSubmission(
  view: unknown,
): { context: RunAgainContext; viewId: string; inputs: SubmittedInput[] } | undefined {
  if (!isJson(view) || typeof view.id !== 'string') return undefined;
  const context = readMetadata(view.private_metadata);
  if (!context) return undefined;
  const values = isJson(view.state) && isJson(view.state.values) ? view.state.values : {};
  const inputs = Object.entries(values).flatMap(([name, field]) => readField(name, field));
  return { context, viewId: view.id, inputs };
}
