import fc from 'fast-check';
import type { WorkflowRun } from '../../src/core/run';
import { parseInstanceBody } from '../../src/datadog/schemas';
import { blockKitProblems } from '../../src/render/limits';
import type { Reply } from '../../src/render/reply';
import { renderRun } from '../../src/render/runReply';
import { RUN_ACTIONS } from '../../src/render/slackIds';
import { buttonsIn } from '../support/blockActions';
import { HOSTILE, hugeRunBody, runFromFixture } from '../support/runs';

const context = { site: 'datadoghq.com' as const, now: new Date('2026-11-28T03:10:00Z') };
const REF = { workflowId: 'ccf73164-1998-4785-a7a3-8d06c7e5f558', instanceId: '305a472b-71ab-4ce8-8f8d-75db635627b5' };

function parsed(body: unknown): WorkflowRun {
  const result = parseInstanceBody(body, REF);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

/** No live mention or link may come from Datadog's text; Slack parses mrkdwn and the fallback text, not plain_text. */
function expectNoLiveMarkup(reply: Reply): void {
  const parsed = [
    reply.text,
    ...JSON.stringify(reply.blocks).matchAll(/"type":"mrkdwn","text":("(?:[^"\\]|\\.)*")/g),
  ].map((m) => (typeof m === 'string' ? m : JSON.parse(m[1]!)));
  for (const text of parsed)
    for (const raw of ['<!channel>', '<!here>', '<@U0ADMIN>', '<https://evil.example|'])
      expect(text).not.toContain(raw);
}

describe('renderRun', () => {
  test.each([
    'get-instance-200-canceled',
    'get-instance-200-step-error',
    'get-instance-200-running',
    'get-instance-200-succeeded',
    'get-instance-200-step-error-spec',
  ])('%s', (name) => {
    const reply = renderRun(runFromFixture(name), context);
    expect(blockKitProblems(reply)).toEqual([]);
    expect(reply).toMatchSnapshot();
  });

  test('the failed run shows the failing step first and its error', () => {
    const reply = JSON.stringify(renderRun(runFromFixture('get-instance-200-step-error'), context));
    expect(reply).toMatch(/Steps\* \(3: 1 failed, 1 skipped, 1 succeeded\)\\n:x: `Rollback_deployment` error/);
    expect(reply).toContain('*Error* in step `Rollback_deployment`');
    expect(reply).toContain('is forbidden');
    expect(reply).toContain('Failed at step Rollback_deployment');
  });

  test('with a spec: the failed step first with its place in the run, the rest in the order they ran, and its action', () => {
    const reply = renderRun(runFromFixture('get-instance-200-step-error-spec'), context);
    const serialized = JSON.stringify(reply);
    expect(serialized).toContain(
      [
        '*Steps* (4: 1 failed, 1 skipped, 2 succeeded)',
        ':x: `Rollback_deployment` error · step 2 of 4',
        ':white_check_mark: `Get_current_deployment` succeeded',
        ':fast_forward: `Verify_error_rate` skipped',
        ':white_check_mark: `Cleanup` succeeded',
      ].join('\\n'),
    );
    expect(serialized).toContain(
      '*Error* in step `Rollback_deployment`\\n:gear: `Rollback_deployment · com.datadoghq.kubernetes.patchDeployment`',
    );
    // Its inputs wait behind "Show full error", so the button is there though nothing else was cut.
    expect(serialized).toContain('"action_id":"run_full_error"');
    expect(serialized).not.toContain('rollback-token-do-not-show-42');
  });

  test('a shared message and a follow DM show the same order and action line, and no inputs', () => {
    const run = runFromFixture('get-instance-200-step-error-spec');
    for (const audience of [{ sharedBy: 'U0SHARER' }, { linkOnly: true }]) {
      const serialized = JSON.stringify(renderRun(run, context, audience));
      expect(serialized).toContain(':x: `Rollback_deployment` error · step 2 of 4');
      expect(serialized).toContain(':gear: `Rollback_deployment · com.datadoghq.kubernetes.patchDeployment`');
      expect(serialized).not.toContain('namespace');
    }
  });

  test('with a spec, a running step also comes first with its place; without one, today’s order and no place', () => {
    const steps = [
      { name: 'Last', state: 'PENDING' },
      { name: 'Wait', state: 'IN_PROGRESS' },
      { name: 'First', state: 'SUCCEEDED' },
    ];
    const spec = {
      startStepNames: ['First'],
      steps: [
        { name: 'First', parameters: [], next: ['Wait'] },
        { name: 'Wait', parameters: [], next: ['Last'] },
      ],
    };
    const run = { ...runFromFixture('get-instance-200-running'), steps };
    const lines = (shown: WorkflowRun) =>
      renderRun(shown, context)
        .blocks.flatMap((block) => (block.type === 'section' && block.text ? [block.text.text] : []))
        .find((text) => text.startsWith('*Steps*'))
        ?.split('\n')
        .slice(1);
    expect(lines({ ...run, spec })).toEqual([
      ':hourglass_flowing_sand: `Wait` in_progress · step 2 of 3',
      ':white_check_mark: `First` succeeded',
      ':white_circle: `Last` pending',
    ]);
    expect(lines(run)).toEqual([
      ':hourglass_flowing_sand: `Wait` in_progress',
      ':white_circle: `Last` pending',
      ':white_check_mark: `First` succeeded',
    ]);
  });

  test('a failed step the spec defines without parameters has its action line but no Show full error', () => {
    const run = runFromFixture('get-instance-200-step-error-spec');
    const bare = {
      ...run,
      spec: { ...run.spec!, steps: run.spec!.steps.map((step) => ({ ...step, parameters: [] })) },
      // Plain text, not JSON: a JSON error's raw text waits behind the button too.
      error: 'deployments.apps "payments-api" is forbidden',
    };
    const serialized = JSON.stringify(renderRun(bare, context));
    expect(serialized).toContain(':gear: `Rollback_deployment · com.datadoghq.kubernetes.patchDeployment`');
    expect(serialized).not.toContain('run_full_error');
  });

  test("a running run shows how long it has been running, in each reader's time zone", () => {
    const reply = JSON.stringify(renderRun(runFromFixture('get-instance-200-running'), context));
    expect(reply).toContain('Running for 5m 57s');
    expect(reply).toMatch(/<!date\^\d+\^\{date_short_pretty\} \{time_secs\}\|2026-11-28 03:04:02 UTC>/);
    expect(reply).toContain('_still running_');
  });

  test('a minimal body still renders', () => {
    const reply = renderRun(parsed({ data: { id: REF.instanceId, type: 'instances', attributes: {} } }), context);
    expect(blockKitProblems(reply)).toEqual([]);
    expect(reply).toMatchSnapshot();
  });

  test('an unknown status shows its displayName', () => {
    const run = parsed({
      data: {
        id: REF.instanceId,
        attributes: { instanceStatus: { detailsKind: 'PAUSED_FOR_APPROVAL', displayName: 'Waiting for approval' } },
      },
    });
    expect(JSON.stringify(renderRun(run, context))).toContain(':grey_question: Waiting for approval');
  });

  test('a state Datadog adds later is running until the run has an end: one rule with the cache and Share', () => {
    const instance = (extra: Record<string, unknown>) =>
      parsed({
        data: {
          id: REF.instanceId,
          attributes: {
            instanceStatus: { detailsKind: 'PAUSED_FOR_APPROVAL', displayName: 'Waiting for approval' },
            startTimestamp: '2026-11-28T03:00:00Z',
            ...extra,
          },
        },
      });
    const going = JSON.stringify(renderRun(instance({}), context));
    expect(going).toContain('_still running_');
    expect(going).toContain('Running for 10m');
    expect(going).toContain('Notify me when it finishes');
    expect(going).not.toContain('*Ended*\\n_unknown_');
    const ended = JSON.stringify(renderRun(instance({ endTimestamp: '2026-11-28T03:05:00Z' }), context));
    expect(ended).not.toContain('Notify me when it finishes');
    expect(ended).not.toContain('still running');
  });

  test('Run again shows on an ended run of a workflow the reader may act on, in private replies only', () => {
    const actionIds = (name: string, actable: boolean) => {
      const run = runFromFixture(name);
      const actableWorkflows = new Set([
        actable ? run.workflowId.toLowerCase() : '0233a3b7-b7ba-425e-a8cc-375ca2020b5b',
      ]);
      return buttonsIn(renderRun(run, { ...context, actableWorkflows })).map((button) => button.action_id);
    };
    expect(actionIds('get-instance-200-step-error', true)).toContain(RUN_ACTIONS.runAgain);
    expect(actionIds('get-instance-200-succeeded', true)).toContain(RUN_ACTIONS.runAgain);
    expect(actionIds('get-instance-200-step-error', false)).not.toContain(RUN_ACTIONS.runAgain);
    expect(actionIds('get-instance-200-running', true)).not.toContain(RUN_ACTIONS.runAgain);
    const ended = runFromFixture('get-instance-200-step-error');
    const shared = renderRun(
      ended,
      { ...context, actableWorkflows: new Set([ended.workflowId.toLowerCase()]) },
      { sharedBy: 'U1' },
    );
    expect(buttonsIn(shared).map((button) => button.action_id)).not.toContain(RUN_ACTIONS.runAgain);
  });

  test('the worst body fits every limit, is escaped, and says what was left out', () => {
    const reply = renderRun(parsed(hugeRunBody()), context);
    expect(blockKitProblems(reply)).toEqual([]);
    const serialized = JSON.stringify(reply);
    expectNoLiveMarkup(reply);
    expect(serialized).toContain('&lt;!channel&gt;');
    expect(serialized).toMatch(/…and \d+ more: /);
    // The failed step's own error is shown; the run's 20,000-character one waits behind "Show full error".
    expect(serialized).toContain('*Error* in step `&lt;!channel&gt;');
    expect(serialized).toContain('"action_id":"run_full_error"');
  });

  test('errors of any shape render, never crash', () => {
    for (const errorDetail of ['plain', { nested: { deep: [1, 2, 3] } }, ['a', 'b'], 42, null, true]) {
      const run = parsed({
        data: { id: REF.instanceId, attributes: { instanceStatus: { detailsKind: 'INSTANCE_ERROR' }, errorDetail } },
      });
      expect(blockKitProblems(renderRun(run, context))).toEqual([]);
    }
  });

  test('any run Datadog could send fits the limits and stays escaped', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 600 }),
      fc.constantFrom(HOSTILE, '', ' ', '`'.repeat(50), '&'.repeat(3000)),
    );
    const date = fc.option(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), {
      nil: undefined,
    });
    const run = fc.record({
      workflowId: fc.constant(REF.workflowId),
      instanceId: fc.constant(REF.instanceId),
      statusKind: fc.constantFrom('SUCCEEDED', 'IN_PROGRESS', 'STEP_ERROR', 'INSTANCE_ERROR', 'CANCELED', 'WHATEVER'),
      statusName: text,
      startedAt: date,
      endedAt: date,
      startedBy: fc.option(text, { nil: undefined }),
      workflowName: fc.option(text, { nil: undefined }),
      steps: fc.array(
        fc.record({
          name: text,
          state: fc.oneof(text, fc.constantFrom('ERROR', 'SUCCEEDED', 'IN_PROGRESS')),
          error: fc.option(text, { nil: undefined }),
        }),
        { maxLength: 300 },
      ),
      error: fc.option(fc.string({ maxLength: 25_000 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(run, (generated) => {
        const reply = renderRun(generated, context);
        expect(blockKitProblems(reply)).toEqual([]);
        expectNoLiveMarkup(reply);
      }),
      { numRuns: 150 },
    );
  });
});

describe('Cancel run', () => {
  const running = runFromFixture('get-instance-200-running');
  const ids = (reply: Reply) =>
    (reply.blocks.at(-1) as unknown as { elements: Array<{ action_id: string }> }).elements.map(
      (button) => button.action_id,
    );
  const actable = new Set([running.workflowId.toLowerCase()]);

  test('only a running run of a workflow the reader may act on gets it, in private replies only', () => {
    expect(ids(renderRun(running, context))).not.toContain('run_cancel');
    const otherWorkflow = new Set(['0233a3b7-b7ba-425e-a8cc-375ca2020b5b']);
    expect(ids(renderRun(running, { ...context, actableWorkflows: otherWorkflow }))).not.toContain('run_cancel');
    expect(ids(renderRun(running, { ...context, actableWorkflows: actable }))).toContain('run_cancel');
    const ended = runFromFixture('get-instance-200-succeeded');
    const endedActable = new Set([ended.workflowId.toLowerCase()]);
    expect(ids(renderRun(ended, { ...context, actableWorkflows: endedActable }))).not.toContain('run_cancel');
    expect(ids(renderRun(running, { ...context, actableWorkflows: actable }, { sharedBy: 'U1' }))).toEqual([
      'open_in_datadog',
    ]);
  });

  test("its confirmation names the workflow and the run, within Slack's 300 characters, whatever the name", () => {
    for (const workflowName of ['Roll back payments-api', 'x'.repeat(5000)]) {
      const reply = renderRun({ ...running, workflowName }, { ...context, actableWorkflows: actable });
      const actions = reply.blocks.at(-1) as unknown as { elements: Array<Record<string, unknown>> };
      const cancel = actions.elements.find((button) => button.action_id === 'run_cancel') as {
        style: string;
        confirm: { text: { text: string } };
      };
      expect(cancel.style).toBe('danger');
      expect(cancel.confirm.text.text).toContain(running.instanceId);
      expect(cancel.confirm.text.text).toContain(workflowName.slice(0, 100));
      expect(cancel.confirm.text.text.length).toBeLessThanOrEqual(300);
      expect(blockKitProblems(reply)).toEqual([]);
    }
  });
});
