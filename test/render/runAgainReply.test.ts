import { blockKitProblems } from '../../src/render/limits';
import { presentRunAgainFormProblem, presentRunAgainResult } from '../../src/render/runAgainReply';
import { parseRunButtonValue } from '../../src/render/runButtonValue';
import { RUN_ACTIONS } from '../../src/render/slackIds';
import { buttonOf } from '../support/blockActions';

const WF = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const STARTED = { workflowId: WF, instanceId: 'a1b2c3d4-0009-4e5f-8a9b-0c1d2e3f4a5b' };
const SITE = 'datadoghq.com' as const;

test('a started run is linked, with Notify me on the new run at once', () => {
  const reply = presentRunAgainResult({ ok: true, value: STARTED }, WF, SITE);
  expect(blockKitProblems(reply)).toEqual([]);
  expect(parseRunButtonValue(buttonOf(reply, RUN_ACTIONS.follow)?.value)).toEqual({ ...STARTED, site: SITE });
  expect(buttonOf(reply, 'open_in_datadog')?.url).toBe(
    `https://app.datadoghq.com/workflow/${WF}?instance=${STARTED.instanceId}`,
  );
  expect(reply.text).toContain(STARTED.instanceId);
});

test.each([
  ['refused', { ok: false as const, refused: 'not_actor' as const }, /ALLOWED_ACTOR_USER_IDS/],
  ['forbidden', { ok: false as const, failure: { kind: 'forbidden' as const, status: 403 } }, /workflows_run/],
  ['timed out', { ok: false as const, failure: { kind: 'timeout' as const } }, /may or may not have started/],
  ['elsewhere', { ok: false as const, elsewhere: true as const }, /already submitted/],
])('%s gets its words, fitting Block Kit', (_name, result, words) => {
  const reply = presentRunAgainResult(result as never, WF, SITE);
  expect(blockKitProblems(reply)).toEqual([]);
  expect(JSON.stringify(reply)).toMatch(words);
});

test('a form that could not open says why', () => {
  const ref = { workflowId: WF, instanceId: STARTED.instanceId };
  expect(JSON.stringify(presentRunAgainFormProblem({ kind: 'refused', reason: 'actions_off' }, ref, SITE))).toContain(
    'ACTIONS_ENABLED',
  );
  const failed = presentRunAgainFormProblem(
    { kind: 'failed', failure: { kind: 'not_found', what: 'workflow' } },
    ref,
    SITE,
  );
  expect(blockKitProblems(failed)).toEqual([]);
});
