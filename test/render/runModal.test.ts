import type { WorkflowRun } from '../../src/core/run';
import { section } from '../../src/render/blocks';
import { blockKitProblems, LIMITS } from '../../src/render/limits';
import { HIDDEN_VALUE } from '../../src/render/parameterMask';
import { renderFailureModal, renderLoadingModal, renderModalNotShown, renderRunModal } from '../../src/render/runModal';
import { renderRun } from '../../src/render/runReply';
import { RUN_ACTIONS } from '../../src/render/slackIds';
import { runFromFixture } from '../support/runs';

const context = { site: 'datadoghq.com' as const, now: new Date('2026-11-28T03:10:00Z') };
const ref = { workflowId: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f', instanceId: 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b' };

function failedRun(error: string, stepCount = 3): WorkflowRun {
  return {
    ...ref,
    statusKind: 'STEP_ERROR',
    statusName: 'Failed',
    workflowName: 'Roll back payments-api',
    startedAt: new Date('2026-11-28T02:58:11Z'),
    endedAt: new Date('2026-11-28T02:59:47Z'),
    steps: Array.from({ length: stepCount }, (_unused, index) => ({
      name: `Step_${index}`,
      state: index === 0 ? 'ERROR' : 'SUCCEEDED',
    })),
    error,
  };
}

function texts(view: { blocks: unknown }): string {
  return JSON.stringify(view.blocks);
}

const frame = {
  type: 'modal',
  title: { type: 'plain_text', text: 'Run details' },
  close: { type: 'plain_text', text: 'Close' },
};
const linkTo = (host: string) => ({
  type: 'actions',
  elements: [
    {
      type: 'button',
      action_id: 'open_in_datadog',
      text: { type: 'plain_text', text: 'Open in Datadog' },
      url: `https://${host}/workflow/${ref.workflowId}?instance=${ref.instanceId}`,
    },
  ],
});
const sectionTexts = (view: { blocks: unknown[] }) =>
  (view.blocks as { type: string; text?: { text: string } }[]).flatMap((block) =>
    block.type === 'section' && block.text ? [block.text.text] : [],
  );

test('the loading modal says it is fetching, and is valid on its own', () => {
  expect(renderLoadingModal()).toEqual({
    ...frame,
    blocks: [section(':hourglass_flowing_sand: Fetching the run from Datadog…')],
  });
  expect(blockKitProblems(renderLoadingModal(), 'modal')).toEqual([]);
});

test('a modal Slack refused says so and keeps the link to the run on its site', () => {
  expect(renderModalNotShown(ref, 'datadoghq.eu')).toEqual({
    ...frame,
    blocks: [
      section(
        ':warning: Slack did not take the run’s details, so they cannot be shown here. Open the run in Datadog, or close this window and press *Show full error* again.',
      ),
      linkTo('app.datadoghq.eu'),
    ],
  });
});

test('a small failed run: title, IDs, fetch time, failed step first, the error message and its whole text, the link', () => {
  const run: WorkflowRun = {
    ...ref,
    statusKind: 'STEP_ERROR',
    statusName: 'Failed',
    workflowName: 'Roll back <payments>',
    startedAt: new Date('2026-11-28T02:58:11Z'),
    steps: [
      { name: 'Notify', state: 'SUCCEEDED' },
      { name: 'Drain', state: 'ERROR', error: '{"message":"disk full & more"}' },
    ],
  };
  expect(renderRunModal(run, context)).toEqual({
    ...frame,
    blocks: [
      section(
        `:x: Failed *Roll back &lt;payments&gt;*\nWorkflow \`${ref.workflowId}\` · Run \`${ref.instanceId}\` · Fetched <!date^1795835400^{date_short_pretty} {time_secs}|2026-11-28 03:10:00 UTC>`,
      ),
      section('*Steps* (2)\n:x: `Drain` error\n:white_check_mark: `Notify` succeeded'),
      section('*Error* in step `Drain` (30 characters)'),
      section('disk full &amp; more'),
      section('```\n{"message":"disk full &amp; more"}\n```'),
      linkTo('app.datadoghq.com'),
    ],
  });
});

test("a run-level error with no failed step names no step, counts its characters, and has no message section when it isn't JSON", () => {
  const run: WorkflowRun = { ...failedRun('x'.repeat(1234), 0), workflowName: undefined };
  const texts = sectionTexts(renderRunModal(run, context));
  expect(texts[0]).toMatch(new RegExp(`^:x: Failed \\*Workflow ${ref.workflowId}\\*\\n`));
  expect(texts.slice(1)).toEqual(['*Error* (1,234 characters)', `\`\`\`\n${'x'.repeat(1234)}\n\`\`\``]);
});

test('a run with no steps has no step section', () => {
  const view = renderRunModal({ ...failedRun('x', 0), error: undefined }, context);
  expect(sectionTexts(view).slice(1)).toEqual(['_This run has no error._']);
});

test('a step list too long for 30 sections packs each section full and counts the steps left out', () => {
  const steps = 5000;
  const view = renderRunModal(failedRun('boom', steps), context);
  expect(blockKitProblems(view, 'modal')).toEqual([]);
  const stepTexts = sectionTexts(view).filter((text) => text.startsWith('*Steps*') || text.startsWith(':'));
  const packed = stepTexts.slice(stepTexts.findIndex((text) => text.startsWith('*Steps*')));
  expect(packed).toHaveLength(30);
  expect(packed[0]).toMatch(/^\*Steps\* \(5000\)\n/);
  packed.forEach((text, i) => {
    expect(text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    const next = packed[i + 1]?.split('\n')[0];
    if (next !== undefined) expect(text.length + 1 + next.length).toBeGreaterThan(LIMITS.sectionText);
  });
  const shown = packed.join('\n').split('\n').length;
  // Right after the title and the 30 step sections, before the error.
  expect(view.blocks[31]).toEqual({
    type: 'context',
    elements: [
      { type: 'mrkdwn', text: `…and ${steps + 1 - shown} more steps: open the run in Datadog for all of them.` },
    ],
  });
  expect(steps + 1 - shown).toBeGreaterThan(0);
});

test('a step list that fits in 30 sections has no "more steps" line', () => {
  const view = renderRunModal(failedRun('boom', 300), context);
  expect(JSON.stringify(view.blocks)).not.toContain('more steps');
});

test('a 20,000-character error is shown whole, across code-block sections within the modal limits', () => {
  const error = `${'line of a long stack trace & <detail>\n'.repeat(520)}END-OF-ERROR`;
  const view = renderRunModal(failedRun(error), context);
  expect(blockKitProblems(view, 'modal')).toEqual([]);
  expect(texts(view)).toContain('END-OF-ERROR');
  expect(texts(view)).not.toContain('cut:');
  const codeSections = view.blocks.filter((block) => block.type === 'section' && JSON.stringify(block).includes('```'));
  expect(codeSections.length).toBeGreaterThan(6);
});

test('an error too long even for the modal is cut with a clear mark', () => {
  const view = renderRunModal(failedRun('x'.repeat(400_000)), context);
  expect(blockKitProblems(view, 'modal')).toEqual([]);
  expect(view.blocks).toHaveLength(LIMITS.blocks.modal);
  expect(texts(view)).toContain('cut: 400,000 characters in all');
});

test('every one of 300 steps is listed, failed first', () => {
  const view = renderRunModal(failedRun('boom', 300), context);
  expect(blockKitProblems(view, 'modal')).toEqual([]);
  expect(texts(view)).toContain('Step_299');
  expect(texts(view).indexOf('Step_0')).toBeLessThan(texts(view).indexOf('Step_1`'));
});

test('a run with no error says so', () => {
  const view = renderRunModal({ ...failedRun('x'), error: undefined }, context);
  expect(texts(view)).toContain('This run has no error');
});

describe("the failed step's inputs", () => {
  test('its action, then each parameter as name = value, secret ones hidden, after the error', () => {
    const texts = sectionTexts(renderRunModal(runFromFixture('get-instance-200-step-error-spec'), context));
    expect(texts.at(-1)).toBe(
      [
        '*Inputs of the failed step* (8)',
        ':gear: `Rollback_deployment · com.datadoghq.kubernetes.patchDeployment`',
        '`namespace` = `payments`',
        '`name` = `payments-api`',
        '`replicas` = `3`',
        '`dryRun` = `false`',
        '`connectionId` = `9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d`',
        '`revision` = `{{ Steps.Get_current_deployment.output.metadata.annotations.revision }}`',
        `\`apiToken\` = \`${HIDDEN_VALUE}\``,
        `\`headers\` = \`{"Authorization":"${HIDDEN_VALUE}","X-Team":"payments"}\``,
      ].join('\n'),
    );
    expect(texts[1]).toContain(':x: `Rollback_deployment` error · step 2 of 4');
  });

  test('values are cut and escaped, and a long list of inputs is packed and counted, within the modal limits', () => {
    const run = runFromFixture('get-instance-200-step-error-spec');
    const parameters = Array.from({ length: 50 }, (_, i) => ({
      name: `p${i}`,
      value: `<!channel> ${'v'.repeat(2000)}`,
    }));
    const spec = { ...run.spec!, steps: [{ name: 'Rollback_deployment', parameters, next: [] }] };
    const view = renderRunModal({ ...run, spec, error: 'x'.repeat(400_000) }, context);
    expect(blockKitProblems(view, 'modal')).toEqual([]);
    const serialized = texts(view);
    expect(serialized).not.toContain('<!channel>');
    expect(serialized).not.toContain('v'.repeat(600));
    expect(serialized).toMatch(/…and \d+ more inputs: open the run in Datadog for all of them\./);
    expect(serialized).toContain('cut: 400,000 characters in all');
  });
});

test('a 2,000-step cyclic spec over 500 run steps: the reply and the modal fit, in run order, no secret shown', () => {
  const names = Array.from({ length: 2000 }, (_, i) => `Step_${i}`);
  const parameters = Array.from({ length: 50 }, (_, i) => ({
    name: `token_${i}`,
    value: `hunter${i}-${'s'.repeat(40)}`,
  }));
  const spec = {
    startStepNames: ['Step_0'],
    steps: names.map((name, i) => ({ name, actionId: 'com.example.act', parameters, next: [names[(i + 1) % 2000]!] })),
  };
  const run = {
    ...failedRun('boom', 0),
    spec,
    steps: names
      .slice(0, 500)
      .map((name, i) => ({ name, state: i === 400 ? 'ERROR' : 'SUCCEEDED' }))
      .reverse(),
  };
  const reply = renderRun(run, context);
  const view = renderRunModal(run, context);
  expect(blockKitProblems(reply)).toEqual([]);
  expect(blockKitProblems(view, 'modal')).toEqual([]);
  expect(texts(view)).toContain(':x: `Step_400` error · step 401 of 500\\n:white_check_mark: `Step_0` succeeded');
  for (const payload of [reply, view]) expect(JSON.stringify(payload)).not.toContain('hunter');
});

test("a failure reads as the lookup's failure text", () => {
  const view = renderFailureModal({ kind: 'not_found', what: 'instance' }, { site: 'datadoghq.com', ref });
  expect(blockKitProblems(view, 'modal')).toEqual([]);
  expect(texts(view)).toContain('Run not found');
});

describe('the run reply reports what it cut', () => {
  const actionIds = (run: WorkflowRun) =>
    renderRun(run, context).blocks.flatMap((block) =>
      block.type === 'actions'
        ? block.elements.map((element) => ('action_id' in element ? element.action_id : undefined))
        : [],
    );

  test('no Show full error when all fits', () => {
    expect(actionIds(failedRun('short'))).toEqual([RUN_ACTIONS.refresh, RUN_ACTIONS.share, 'open_in_datadog']);
  });

  test('Show full error when the error was cut', () => {
    expect(actionIds(failedRun('e'.repeat(5000)))).toContain(RUN_ACTIONS.fullError);
  });

  test('Show full error when the step list was cut', () => {
    expect(actionIds(failedRun('short', 300))).toContain(RUN_ACTIONS.fullError);
  });

  test('a shared reply names the sharer and keeps only the link', () => {
    const shared = renderRun(failedRun('e'.repeat(5000)), context, { sharedBy: 'U0SHARER' });
    expect(blockKitProblems(shared)).toEqual([]);
    expect(JSON.stringify(shared.blocks)).toContain('Shared by <@U0SHARER>');
    const buttons = shared.blocks.flatMap((block) => (block.type === 'actions' ? block.elements : []));
    expect(buttons.map((element) => ('action_id' in element ? element.action_id : undefined))).toEqual([
      'open_in_datadog',
    ]);
  });

  test('a sharer that is not a Slack user ID is shown as text, never as a mention', () => {
    const shared = renderRun(failedRun('e'), context, { sharedBy: '<!channel>' });
    expect(JSON.stringify(shared.blocks)).toContain('Shared by &lt;!channel&gt;');
  });
});
