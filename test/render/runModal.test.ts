import type { WorkflowRun } from '../../src/core/run';
import { blockKitProblems, LIMITS } from '../../src/render/limits';
import { renderFailureModal, renderLoadingModal, renderRunModal } from '../../src/render/runModal';
import { renderRun } from '../../src/render/runReply';
import { RUN_ACTIONS } from '../../src/slack/ids';

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

test('the loading modal is valid on its own', () => {
  expect(blockKitProblems(renderLoadingModal(), 'modal')).toEqual([]);
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
