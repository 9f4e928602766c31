import type { ActRefusal } from '../../src/core/actors';
import type { CancelOutcome } from '../../src/core/cancelRun';
import type { DatadogFailure } from '../../src/core/failures';
import {
  actFailureWords,
  actingLine,
  actRefusalWords,
  alreadyEndedWords,
  presentCancel,
  renderActWords,
} from '../../src/render/actReplies';
import { blockKitProblems } from '../../src/render/limits';

/** The words of every answer to an act: each says what happened, that nothing changed where so, and what to do. */

const context = {
  site: 'datadoghq.com' as const,
  ref: { workflowId: 'ccf73164-1998-4785-a7a3-8d06c7e5f558', instanceId: '305a472b-71ab-4ce8-8f8d-75db635627b5' },
};

test.each<[ActRefusal, string]>([
  ['actions_off', 'ACTIONS_ENABLED'],
  ['not_actor', 'ALLOWED_ACTOR_USER_IDS'],
  ['not_actor', 'ALLOWED_ACTOR_USERGROUP_IDS'],
  ['actor_unknown', 'ALLOWED_ACTOR_USERGROUP_IDS'],
  ['workflow_not_actable', 'ACTIONS_WORKFLOW_IDS'],
])('the %s refusal names %s and says nothing changed', (reason, setting) => {
  const { detail } = actRefusalWords(reason);
  expect(detail).toContain(setting);
  expect(detail).toContain('nothing was changed');
});

test('a read rule keeps its own words', () => {
  expect(actRefusalWords('channel').title).toBe(':no_entry: dd-instance is not allowed here');
});

test.each<['cancel' | 'run', DatadogFailure, RegExp]>([
  ['cancel', { kind: 'forbidden', status: 403 }, /HTTP 403: the bot's application key lacks the `workflows_run`/],
  ['run', { kind: 'forbidden', status: 403 }, /`workflows_run`.*Nothing was changed/],
  ['cancel', { kind: 'not_found', what: 'instance' }, /not running: it has ended, or it does not exist/],
  ['run', { kind: 'not_found', what: 'workflow' }, /has no workflow/],
  ['cancel', { kind: 'rate_limited', retryAfterSeconds: 12 }, /Nothing was changed. Try again in 12 seconds/],
  ['cancel', { kind: 'timeout', afterMs: 8000 }, /may or may not have reached Datadog, so it was not sent again/],
  ['run', { kind: 'timeout', afterMs: 8000 }, /may or may not have started, so the request was not sent again/],
  ['run', { kind: 'unavailable', status: 503 }, /^Nothing was changed. Datadog answered HTTP 503/],
])('%s meeting %j gets its words', (act, failure, words) => {
  expect(actFailureWords(act, failure, context).detail).toMatch(words);
});

test('already ended names the state it ended in, escaped', () => {
  expect(alreadyEndedWords('Succeeded <b>').detail).toBe(
    'It ended (Succeeded &lt;b&gt;) before the cancel reached Datadog, so nothing was changed.',
  );
});

test('a reply of act words fits Block Kit and has a plain fallback without markup', () => {
  const reply = renderActWords(actFailureWords('cancel', { kind: 'forbidden', status: 403 }, context));
  expect(blockKitProblems(reply, 'message')).toEqual([]);
  expect(reply.text).toMatch(/^Datadog refused to cancel the run\. Datadog answered HTTP 403/);
  expect(reply.text).not.toMatch(/[*`]/);
});

describe('what a Cancel click gets', () => {
  const run = { ...context.ref, site: context.site };
  const at = new Date('2026-11-28T03:10:00Z');
  const state = (statusKind: string, statusName: string) => ({
    ref: run,
    result: { ok: true as const, value: { ...run, statusKind, statusName, steps: [], workflowName: 'Roll back' } },
    at,
  });

  const canceled = (statusKind: string, ended: boolean, by?: string): CancelOutcome => ({
    kind: 'canceled',
    run: state(statusKind, statusKind),
    ended,
    ...(by ? { by } : {}),
  });

  test.each<[string, CancelOutcome, string]>([
    ['refused', { kind: 'refused', reason: 'not_actor' }, 'You may not act on runs'],
    ['failed', { kind: 'failed', failure: { kind: 'forbidden', status: 403 } }, 'workflows_run'],
    ['already ended', { kind: 'already_ended', run: state('SUCCEEDED', 'Succeeded') }, 'The run had already ended'],
    ['cancelled here', canceled('CANCELED', true, 'U0ACTOR'), 'Canceled by <@U0ACTOR>'],
    ['cancelled by another click', canceled('CANCELED', true), 'Canceled by another click'],
    ['sent, not ended yet', canceled('IN_PROGRESS', false, 'U0ACTOR'), 'Cancel sent'],
    ['another cancel under way', canceled('IN_PROGRESS', false), 'Another cancel of this run is under way'],
  ])('%s', (_, outcome, words) => {
    const reply = presentCancel(outcome, run);
    expect(JSON.stringify(reply)).toContain(words);
    expect(blockKitProblems(reply, 'message')).toEqual([]);
  });
});

test("App Home's acting line: off says read-only; on names who may act, on which workflows, and the key's permission", () => {
  const rules = { enabled: true, userIds: ['U0ACTOR'], usergroupIds: ['S0ONCALL'], workflowIds: [] };
  expect(actingLine({ ...rules, enabled: false })).toContain('off');
  expect(actingLine(rules)).toBe(
    ':unlock: *Acting*: on. May cancel runs: <@U0ACTOR>, <!subteam^S0ONCALL>; on every workflow it may read. The application key needs `workflows_run`.',
  );
  expect(actingLine({ ...rules, userIds: [], usergroupIds: [] })).toContain('nobody yet');
  expect(actingLine({ ...rules, workflowIds: [context.ref.workflowId] })).toContain('ACTIONS_WORKFLOW_IDS');
});

test('a 403 tells the person at the terminal to add the permission to DD_APP_KEY, and a Slack user whom to ask', () => {
  const forbidden = { kind: 'forbidden' as const, status: 403 };
  expect(actFailureWords('run', forbidden, { site: 'datadoghq.com', forOperator: true }).detail).toContain(
    'Add it to the key in DD_APP_KEY',
  );
  expect(actFailureWords('run', forbidden, { site: 'datadoghq.com' }).detail).toContain(
    'Whoever runs the bot can add it',
  );
});
