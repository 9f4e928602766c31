import type { InputBlock, ModalView } from '@slack/types';
import type { WorkflowInfo } from '../../src/core/run';
import { parseSubmittedInputs } from '../../src/core/runInputs';
import { blockKitProblems } from '../../src/render/limits';
import {
  readRunAgainSubmission,
  renderRunAgainLoading,
  renderRunAgainModal,
  renderRunAgainProblem,
} from '../../src/render/runAgainModal';
import { secretMask } from '../../src/render/secretMask';
import { RUN_AGAIN_VIEW } from '../../src/render/slackIds';

const ref = { workflowId: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f', instanceId: 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b' };
const context = {
  ref,
  site: 'datadoghq.com' as const,
  responseUrl: 'https://hooks.slack.com/actions/T/1/x',
  channelId: 'C0INCIDENT',
};

const EVERY_TYPE: WorkflowInfo = {
  workflowId: ref.workflowId,
  name: 'Roll back <payments-api>',
  inputs: [
    { name: 'service', type: 'STRING', label: 'Service', description: 'The service to roll back' },
    { name: 'revisions', type: 'NUMBER', label: 'Revisions back' },
    { name: 'dryRun', type: 'BOOLEAN', label: 'Dry run' },
    { name: 'labels', type: 'OBJECT' },
    { name: 'regions', type: 'ARRAY_STRING' },
    { name: 'ports', type: 'ARRAY_NUMBER' },
    { name: 'flags', type: 'ARRAY_BOOLEAN' },
    { name: 'targets', type: 'ARRAY_OBJECT' },
  ],
};

const VALUES = {
  service: 'payments-api',
  revisions: 2,
  dryRun: true,
  labels: { team: 'payments' },
  regions: ['us-east-1'],
  ports: [443],
  flags: [false],
  targets: [{ id: 1 }],
};

function inputs(view: ModalView): InputBlock[] {
  return view.blocks.filter((block): block is InputBlock => block.type === 'input');
}

/** What Slack would send back for this form left as it opened. */
function submittedAsOpened(view: ModalView): unknown {
  const values: Record<string, Record<string, unknown>> = {};
  for (const block of inputs(view)) {
    const element = block.element as unknown as Record<string, unknown>;
    const state =
      element.type === 'checkboxes'
        ? { type: 'checkboxes', selected_options: element.initial_options ?? [] }
        : { type: element.type, value: element.initial_value ?? null };
    values[block.block_id!] = { [element.action_id as string]: state };
  }
  return { id: 'V0FORM', private_metadata: view.private_metadata, state: { values } };
}

describe('renderRunAgainModal', () => {
  const view = renderRunAgainModal(EVERY_TYPE, VALUES, context);

  test('one field per input: text, number, checkbox, and multiline JSON for objects and arrays, each starting from its value', () => {
    expect(view).toMatchObject({ type: 'modal', callback_id: RUN_AGAIN_VIEW, submit: { text: 'Start run' } });
    expect(blockKitProblems(view, 'modal')).toEqual([]);
    const fields = Object.fromEntries(inputs(view).map((block) => [block.block_id, block]));
    expect(fields.service).toMatchObject({
      label: { text: 'Service' },
      hint: { text: 'The service to roll back' },
      optional: true,
      element: { type: 'plain_text_input', action_id: 'STRING', initial_value: 'payments-api' },
    });
    expect(fields.service?.element).not.toHaveProperty('multiline');
    expect(fields.revisions?.element).toMatchObject({
      type: 'number_input',
      is_decimal_allowed: true,
      initial_value: '2',
      max_value: String(Number.MAX_SAFE_INTEGER),
    });
    expect(fields.dryRun?.element).toMatchObject({ type: 'checkboxes', initial_options: [{ value: 'true' }] });
    for (const name of ['labels', 'regions', 'ports', 'flags', 'targets'])
      expect(fields[name]?.element).toMatchObject({ type: 'plain_text_input', multiline: true });
    expect(fields.labels?.element).toMatchObject({ initial_value: JSON.stringify({ team: 'payments' }, null, 2) });
    expect(fields.labels?.label).toEqual({ type: 'plain_text', text: 'labels' });
    expect(fields.ports?.hint?.text).toMatch(/array of numbers/);
    expect(JSON.stringify(view.blocks)).toContain('Roll back &lt;payments-api&gt;');
  });

  test('submitted as it opened, it reads back as the values it started from', () => {
    const submission = readRunAgainSubmission(submittedAsOpened(view));
    expect(submission?.context).toEqual(context);
    expect(submission?.viewId).toBe('V0FORM');
    expect(parseSubmittedInputs(submission?.inputs ?? [])).toEqual({ ok: true, payload: VALUES });
  });

  test('an unchecked box is false, and a field without a value starts empty', () => {
    const empty = renderRunAgainModal(EVERY_TYPE, {}, context);
    for (const block of inputs(empty)) expect(block.element).not.toHaveProperty('initial_value');
    const submission = readRunAgainSubmission(submittedAsOpened(empty));
    expect(parseSubmittedInputs(submission?.inputs ?? [])).toEqual({ ok: true, payload: { dryRun: false } });
  });

  test('a workflow without inputs gets a confirm-only form', () => {
    const confirm = renderRunAgainModal({ workflowId: ref.workflowId }, {}, context);
    expect(inputs(confirm)).toEqual([]);
    expect(confirm.submit).toEqual({ type: 'plain_text', text: 'Start run' });
    expect(JSON.stringify(confirm.blocks)).toContain('It takes no inputs');
    expect(blockKitProblems(confirm, 'modal')).toEqual([]);
  });

  test('more inputs than a form holds: no submit, and the way to start it in Datadog', () => {
    const many = Array.from({ length: 120 }, (_unused, index) => ({ name: `in_${index}`, type: 'STRING' }));
    const tooBig = renderRunAgainModal({ workflowId: ref.workflowId, inputs: many }, {}, context);
    expect(tooBig.submit).toBeUndefined();
    expect(JSON.stringify(tooBig.blocks)).toContain('Start it in Datadog');
    expect(blockKitProblems(tooBig, 'modal')).toEqual([]);
  });

  test('a value too long for its field, or a number beyond its range, starts it empty instead of breaking the form', () => {
    const huge = renderRunAgainModal(EVERY_TYPE, { service: 'x'.repeat(5000), revisions: 1e21 }, context);
    expect(inputs(huge)[0]?.element).not.toHaveProperty('initial_value');
    expect(inputs(huge)[1]?.element).not.toHaveProperty('initial_value');
  });
});

describe('a starting value holding a configured secret', () => {
  const mask = secretMask(['dd-api-key-in-a-run-input']);
  const values = {
    ...VALUES,
    service: 'key=dd-api-key-in-a-run-input',
    labels: { token: 'dd-api-key-in-a-run-input' },
  };
  const view = renderRunAgainModal(EVERY_TYPE, values, context, mask);
  const fields = Object.fromEntries(inputs(view).map((block) => [block.block_id, block]));

  test("leaves its field empty, with a hint to enter it again before the field's own", () => {
    for (const name of ['service', 'labels']) {
      expect(fields[name]?.element).not.toHaveProperty('initial_value');
      expect(fields[name]?.hint?.text).toMatch(
        /^Its starting value held a secret, which is not shown here: enter it again\./,
      );
    }
    expect(fields.service?.hint?.text).toContain('The service to roll back');
    expect(JSON.stringify(view)).not.toContain('dd-api-key-in-a-run-input');
    expect(blockKitProblems(view, 'modal')).toEqual([]);
  });

  test('leaves every other field as it starts', () => {
    expect(fields.revisions?.element).toMatchObject({ initial_value: '2' });
    expect(fields.regions?.element).toHaveProperty('initial_value');
    expect(fields.regions?.hint?.text).not.toContain('secret');
  });
});

describe('the modal Run again opens at once', () => {
  test('loading, then why there is no form: Close, nothing to submit, within the modal limits', () => {
    const refused = renderRunAgainProblem({ kind: 'refused', reason: 'not_actor' }, ref, 'datadoghq.com');
    const failed = renderRunAgainProblem(
      { kind: 'failed', failure: { kind: 'forbidden', status: 403 } },
      ref,
      'datadoghq.com',
    );
    for (const view of [renderRunAgainLoading(), refused, failed]) {
      expect(view).toMatchObject({ type: 'modal', title: { text: 'Run again' }, close: { text: 'Close' } });
      expect(view).not.toHaveProperty('submit');
      expect(blockKitProblems(view, 'modal')).toEqual([]);
    }
    expect(JSON.stringify(refused)).toContain('ALLOWED_ACTOR_USER_IDS');
    expect(JSON.stringify(failed)).toContain('workflows_read');
  });
});

describe('readRunAgainSubmission', () => {
  test('a view with damaged or forged metadata is not read', () => {
    const metadata = (value: unknown) => ({ id: 'V1', private_metadata: JSON.stringify(value), state: { values: {} } });
    expect(
      readRunAgainSubmission(metadata({ w: 'not-a-uuid', i: ref.instanceId, s: 'datadoghq.com' })),
    ).toBeUndefined();
    expect(
      readRunAgainSubmission(metadata({ w: ref.workflowId, i: ref.instanceId, s: 'evil.example' })),
    ).toBeUndefined();
    expect(readRunAgainSubmission({ id: 'V1', private_metadata: '{not json' })).toBeUndefined();
    expect(readRunAgainSubmission(null)).toBeUndefined();
    expect(readRunAgainSubmission(metadata({ w: ref.workflowId, i: ref.instanceId, s: 'datadoghq.com' }))).toEqual({
      context: { ref, site: 'datadoghq.com' },
      viewId: 'V1',
      inputs: [],
    });
  });
});
