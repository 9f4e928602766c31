import type { LinksOutcome } from '../../src/core/linkUnfurls';
import { section } from '../../src/render/blocks';
import { explainFailure } from '../../src/render/failureReply';
import { blockKitProblems } from '../../src/render/limits';
import { historyLine } from '../../src/render/runHistory';
import { runRowText } from '../../src/render/runReply';
import { presentUnfurls } from '../../src/render/unfurlCard';
import { FIXED_NOW, sampleRun } from '../support/fakeSource';
import { HOSTILE, runFromFixture } from '../support/runs';

const WF = 'ccf73164-1998-4785-a7a3-8d06c7e5f558';
const run = (n: number) => `305a472b-71ab-4ce8-8f8d-${String(n).padStart(12, '0')}`;
const ref = (n: number) => ({ workflowId: WF, instanceId: run(n) });
const LONG_HOSTILE = `${HOSTILE} ${'w'.repeat(400)}`;
const site = 'datadoghq.com';
const at = '<!date^1795835400^{date_short_pretty} {time_secs}|2026-11-28 03:10:00 UTC>';

test('unfurl cards: a hostile run fits and is escaped; lasting failures get a card, passing ones none', () => {
  const hostile = { ...sampleRun(ref(1), 'STEP_ERROR'), workflowName: LONG_HOSTILE, statusName: LONG_HOSTILE };
  const outcome: LinksOutcome = {
    runs: [
      { url: 'u1', run: { ref: ref(1), result: { ok: true, value: hostile }, at: FIXED_NOW } },
      {
        url: 'u2',
        run: { ref: ref(2), result: { ok: false, failure: { kind: 'forbidden', status: 403 } }, at: FIXED_NOW },
      },
      {
        url: 'u3',
        run: { ref: ref(3), result: { ok: false, failure: { kind: 'timeout', afterMs: 500 } }, at: FIXED_NOW },
      },
      {
        url: 'u4',
        run: { ref: ref(4), result: { ok: false, failure: { kind: 'rate_limited' } }, at: FIXED_NOW },
      },
    ],
    otherSite: ['u5'],
    skipped: 0,
  };
  const cards = presentUnfurls(outcome, 'datadoghq.com');
  expect(Object.keys(cards)).toEqual(['u1', 'u2']);
  for (const card of Object.values(cards)) expect(blockKitProblems(card, 'unfurl')).toEqual([]);
  expect(JSON.stringify(cards)).not.toMatch(/<!channel>|<!here>|<@U0ADMIN>|<https:\/\/evil/);
  expect(JSON.stringify(cards.u2)).toContain("Datadog refused the bot's keys");
});

test('unfurl cards, exactly: a run row and when it was fetched; a lasting failure by its title', () => {
  const value = { ...sampleRun(ref(1), 'SUCCEEDED'), workflowName: 'Deploy' };
  const fetched = { type: 'context', elements: [{ type: 'mrkdwn', text: `dd-instance · fetched ${at}` }] };
  const cards = presentUnfurls(
    {
      runs: [
        { url: 'u1', run: { ref: ref(1), result: { ok: true, value }, at: FIXED_NOW } },
        {
          url: 'u2',
          run: {
            ref: ref(2),
            result: { ok: false, failure: { kind: 'not_found', what: 'instance' } },
            at: FIXED_NOW,
          },
        },
        {
          url: 'u3',
          run: { ref: ref(3), result: { ok: false, failure: { kind: 'bad_request', status: 400 } }, at: FIXED_NOW },
        },
      ],
      otherSite: [],
      skipped: 0,
    },
    site,
  );
  expect(cards).toEqual({
    u1: { blocks: [section(runRowText(value, FIXED_NOW)), fetched] },
    u2: { blocks: [section(`*:mag: Run not found*\nRun \`${run(2)}\``), fetched] },
    u3: {
      blocks: [
        section(
          `*${explainFailure({ kind: 'bad_request', status: 400 }, { site, ref: ref(3) }).title}*\nRun \`${run(3)}\``,
        ),
        fetched,
      ],
    },
  });
});

test('unfurl cards: a failed run whose spec defines the failed step carries its action line, as the run reply does', () => {
  const value = runFromFixture('get-instance-200-step-error-spec');
  const history = { states: ['STEP_ERROR', 'SUCCEEDED', 'SUCCEEDED'], failed: 1 };
  const linked = (url: string, run: typeof value) => ({
    url,
    run: {
      ref: { workflowId: run.workflowId, instanceId: run.instanceId },
      result: { ok: true as const, value: run },
      history,
      at: FIXED_NOW,
    },
  });
  const hostileAction = {
    ...value,
    spec: {
      ...value.spec!,
      steps: value.spec!.steps.map((step) => ({ ...step, name: LONG_HOSTILE, actionId: LONG_HOSTILE })),
    },
    steps: value.steps.map((step) => ({ ...step, name: LONG_HOSTILE })),
  };
  const cards = presentUnfurls(
    { runs: [linked('u1', value), linked('u2', hostileAction)], otherSite: [], skipped: 0 },
    site,
  );
  expect(cards.u1!.blocks[0]).toEqual(
    section(
      [
        runRowText(value, FIXED_NOW),
        historyLine(value, history, FIXED_NOW),
        ':gear: `Rollback_deployment · com.datadoghq.kubernetes.patchDeployment`',
      ].join('\n'),
    ),
  );
  expect(blockKitProblems(cards.u2!, 'unfurl')).toEqual([]);
  expect(JSON.stringify(cards.u2)).toContain(':gear: `');
  expect(JSON.stringify(cards.u2)).not.toMatch(/<!channel>|<!here>|<@U0ADMIN>|<https:\/\/evil/);
});
