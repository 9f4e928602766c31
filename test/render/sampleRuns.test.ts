import type { RecentRunsOutcome } from '../../src/core/outcomes';
import { sampleRunsText } from '../../src/render/sampleRuns';
import { FIXED_NOW, sampleRun } from '../support/fakeSource';

const WF = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const OTHER_WF = 'ccf73164-1998-4785-a7a3-8d06c7e5f558';
const run = (instanceId: string, kind: string) => sampleRun({ workflowId: WF, instanceId }, kind);

const listed: RecentRunsOutcome = {
  workflowId: WF,
  at: FIXED_NOW,
  result: {
    ok: true,
    value: {
      workflowId: WF,
      workflowName: 'Deploy <prod>',
      runs: [
        run('a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b', 'STEP_ERROR'),
        run('a1b2c3d4-0003-4e5f-8a9b-0c1d2e3f4a5b', 'SUCCEEDED'),
      ],
    },
  },
};
const unlisted: RecentRunsOutcome = {
  workflowId: OTHER_WF,
  at: FIXED_NOW,
  result: { ok: false, failure: { kind: 'unreachable', code: 'ECONNREFUSED' } },
};
const missing = [
  { workflowId: WF, instanceId: 'a1b2c3d4-0404-4e5f-8a9b-0c1d2e3f4a5b', why: 'a run Datadog does not know' },
];

test('each workflow, its runs with their state and ID, then the runs it does not know with why', () => {
  const lines = sampleRunsText([listed], missing, 'datadoghq.com').split('\n');
  expect(lines.slice(3)).toEqual([
    `*Deploy &lt;prod&gt;* · workflow \`${WF}\``,
    '  :x: STEP_ERROR: run `a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b`',
    '  :white_check_mark: SUCCEEDED: run `a1b2c3d4-0003-4e5f-8a9b-0c1d2e3f4a5b`',
    '  :mag: Not found: run `a1b2c3d4-0404-4e5f-8a9b-0c1d2e3f4a5b`, a run Datadog does not know',
  ]);
});

test('a workflow that could not be listed says why, worded for the person at the terminal', () => {
  const text = sampleRunsText([listed, unlisted], missing, 'datadoghq.com');
  expect(text).toContain(`Workflow \`${OTHER_WF}\`\n*:electric_plug: dd-instance could not reach Datadog*`);
  expect(text).not.toContain('whoever runs the bot');
});
