import { commandVerdict, type RunOutcome } from '../../src/core/outcomes';
import type { RunList } from '../../src/core/run';
import { renderFailure, renderRefusal } from '../../src/render/failureReply';
import { presentSharedRun } from '../../src/render/followReplies';
import { renderFailureModal, renderRunModal } from '../../src/render/runModal';
import { renderRecentRuns, renderRunResults } from '../../src/render/runsReply';
import {
  presentButtonRefusal,
  presentCommand,
  presentMessage,
  presentRecentRuns,
  presentRun,
  presentRunModal,
  presentShare,
} from '../../src/render/slackReplies';
import { renderNothingFound, renderUsage } from '../../src/render/usageReply';
import { FIXED_NOW, sampleRun } from '../support/fakeSource';

const site = 'datadoghq.eu';
const ref = { workflowId: 'ccf73164-1998-4785-a7a3-8d06c7e5f558', instanceId: '305a472b-71ab-4ce8-8f8d-75db635627b5' };
const run = sampleRun(ref, 'STEP_ERROR');
const found: RunOutcome = { ref, result: { ok: true, value: run }, at: FIXED_NOW };
const missing: RunOutcome = {
  ref,
  result: { ok: false, failure: { kind: 'not_found', what: 'instance' } },
  at: FIXED_NOW,
};
const list: RunList = {
  workflowId: ref.workflowId,
  workflowName: 'Deploy',
  runs: [{ ...ref, statusKind: 'SUCCEEDED', statusName: 'Succeeded' }],
};
const recentOk = { workflowId: ref.workflowId, result: { ok: true as const, value: list }, at: FIXED_NOW };
const recentFailed = {
  workflowId: ref.workflowId,
  result: { ok: false as const, failure: { kind: 'forbidden' as const, status: 403 } },
  at: FIXED_NOW,
};

test('a run reads as a one-run result, at the time it was fetched, with the share setting', () => {
  expect(presentRun(found, site, { shareEnabled: false })).toEqual(
    renderRunResults([{ ref, result: found.result }], { site, now: FIXED_NOW, shareEnabled: false }),
  );
});

test('recent runs, or why they could not be listed for that workflow', () => {
  expect(presentRecentRuns(recentOk, site)).toEqual(renderRecentRuns(list, { site, now: FIXED_NOW }));
  expect(presentRecentRuns(recentFailed, site)).toEqual(
    renderFailure({ kind: 'forbidden', status: 403 }, { site, workflowId: ref.workflowId }),
  );
});

test('each command outcome has its reply', () => {
  expect(presentCommand({ kind: 'refused', reason: 'user' }, site)).toEqual(renderRefusal('user'));
  expect(presentCommand({ kind: 'usage', problem: 'No IDs.' }, site)).toEqual(renderUsage('No IDs.'));
  expect(presentCommand({ kind: 'run', run: found }, site, { shareEnabled: false })).toEqual(
    presentRun(found, site, { shareEnabled: false }),
  );
  expect(presentCommand({ kind: 'recent', recent: recentOk }, site)).toEqual(presentRecentRuns(recentOk, site));
});

test('each message outcome has its reply', () => {
  expect(presentMessage({ kind: 'refused', reason: 'channel' }, site)).toEqual(renderRefusal('channel'));
  expect(presentMessage({ kind: 'nothing_found' }, site)).toEqual(renderNothingFound());
  expect(presentMessage({ kind: 'recent', recent: recentFailed }, site)).toEqual(presentRecentRuns(recentFailed, site));
  expect(presentMessage({ kind: 'runs', runs: [found, missing], notFetched: 3, at: FIXED_NOW }, site)).toEqual(
    renderRunResults([found, missing], { site, now: FIXED_NOW }, 3),
  );
});

test('a shared run goes to the channel naming the sharer; a failure stays private', () => {
  expect(presentShare(found, site, 'U0SHARER', 'running')).toEqual({
    ...presentSharedRun(run, 'running', FIXED_NOW, site, 'U0SHARER'),
    response_type: 'in_channel',
  });
  expect(presentShare(found, site, 'U0SHARER')).toEqual({
    ...presentSharedRun(run, 'snapshot', FIXED_NOW, site, 'U0SHARER'),
    response_type: 'in_channel',
  });
  expect(presentShare(missing, site, 'U0SHARER')).toEqual({
    ...renderFailure({ kind: 'not_found', what: 'instance' }, { site, ref }),
    response_type: 'ephemeral',
  });
});

test('the modal shows the run, or the failure in the same words', () => {
  expect(presentRunModal(found, site)).toEqual(renderRunModal(run, { site, now: FIXED_NOW }));
  expect(presentRunModal(missing, site)).toEqual(
    renderFailureModal({ kind: 'not_found', what: 'instance' }, { site, ref }),
  );
});

test('a damaged button and a button from another site each say what to do', () => {
  expect(presentButtonRefusal({ ok: false, problem: 'damaged' }).text).toBe(
    'This button’s data is damaged, so nothing was looked up. Look the run up again with `/dd-instance &lt;workflow_id&gt; &lt;instance_id&gt;`.',
  );
  expect(
    presentButtonRefusal({ ok: false, problem: 'other_site', buttonSite: 'datadoghq.com', botSite: 'datadoghq.eu' })
      .text,
  ).toBe(
    'This button is for a run on datadoghq.com, but the bot now reads datadoghq.eu. Look the run up again with `/dd-instance`.',
  );
});

test('the verdict of each command outcome, for the CLI exit code', () => {
  expect(commandVerdict({ kind: 'usage' })).toBe('usage');
  expect(commandVerdict({ kind: 'refused', reason: 'user' })).toBe('failed');
  expect(commandVerdict({ kind: 'run', run: found })).toBe('found');
  expect(commandVerdict({ kind: 'run', run: missing })).toBe('failed');
  const otherSite = { kind: 'other_site', linkSite: 'datadoghq.com', botSite: site } as const;
  expect(commandVerdict({ kind: 'run', run: { ...missing, result: { ok: false, failure: otherSite } } })).toBe('usage');
  expect(commandVerdict({ kind: 'recent', recent: recentOk })).toBe('found');
  expect(commandVerdict({ kind: 'recent', recent: recentFailed })).toBe('failed');
});
