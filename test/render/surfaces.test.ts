import type { HealthOutcome } from '../../src/core/healthCheck';
import type { HomeOutcome } from '../../src/core/homeTab';
import type { LinksOutcome } from '../../src/core/linkUnfurls';
import type { FollowedRun, RecentLookup } from '../../src/core/surfacePorts';
import { HOME_FOLLOWS_SHOWN, presentHome } from '../../src/render/homeView';
import { blockKitProblems } from '../../src/render/limits';
import { presentUnfurls } from '../../src/render/unfurlCard';
import { FIXED_NOW, sampleRun } from '../support/fakeSource';
import { HOSTILE } from '../support/runs';

const WF = 'ccf73164-1998-4785-a7a3-8d06c7e5f558';
const run = (n: number) => `305a472b-71ab-4ce8-8f8d-${String(n).padStart(12, '0')}`;
const ref = (n: number) => ({ workflowId: WF, instanceId: run(n) });
const LONG_HOSTILE = `${HOSTILE} ${'w'.repeat(400)}`;

const health: HealthOutcome = {
  ok: false,
  site: 'datadoghq.com',
  reachable: { status: 'pass' },
  apiKey: { status: 'unknown', failure: { kind: 'invalid_response', reason: LONG_HOSTILE } },
  appKey: { status: 'skipped', because: 'api_key' },
  at: FIXED_NOW,
};

function home(overrides: Partial<HomeOutcome> = {}): HomeOutcome {
  const follows: FollowedRun[] = Array.from({ length: 200 }, (_unused, n) => ({
    ref: ref(n),
    channelId: n % 2 ? 'C0INCIDENT' : '<!channel>',
    since: FIXED_NOW,
    workflowName: LONG_HOSTILE,
  }));
  const recent: RecentLookup[] = Array.from({ length: 5 }, (_unused, n) => ({
    ref: ref(n),
    at: FIXED_NOW,
    result:
      n % 2
        ? { ok: true, run: { statusKind: 'STEP_ERROR', statusName: LONG_HOSTILE, workflowName: LONG_HOSTILE } }
        : { ok: false, failure: { kind: 'not_found', what: 'instance' } },
  }));
  return { site: 'datadoghq.com', health, follows: { kind: 'listed', runs: follows }, recent, ...overrides };
}

test('the worst Home (200 hostile follows with Stop buttons, hostile lookups) fits the Home tab and escapes all', () => {
  const view = presentHome(home(), {
    stopButton: (follow) => ({
      type: 'button',
      action_id: 'follow_stop',
      text: { type: 'plain_text', text: 'Stop following' },
      value: `${follow.ref.workflowId}|${follow.ref.instanceId}`,
    }),
  });
  expect(blockKitProblems(view, 'home')).toEqual([]);
  const text = JSON.stringify(view);
  expect(text).not.toMatch(/<!channel>|<!here>|<@U0ADMIN>|<https:\/\/evil/);
  expect(text.match(/"action_id":"follow_stop"/g)).toHaveLength(HOME_FOLLOWS_SHOWN);
  expect(text).toContain(`…and ${200 - HOME_FOLLOWS_SHOWN} more.`);
  expect(text).toContain('<#C0INCIDENT>');
});

test('without the follow feature, Home says so; a failed listing says so; none followed says so', () => {
  const texts = (follows: HomeOutcome['follows']) => JSON.stringify(presentHome(home({ follows })));
  expect(texts({ kind: 'unavailable' })).toContain('Following runs is not turned on for this bot.');
  expect(texts({ kind: 'failed' })).toContain('could not be listed just now');
  expect(texts({ kind: 'listed', runs: [] })).toContain('You follow no runs.');
  const empty = presentHome(home({ follows: { kind: 'unavailable' }, recent: [] }));
  expect(blockKitProblems(empty, 'home')).toEqual([]);
  expect(JSON.stringify(empty)).toContain('No lookups yet');
});

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

test("the limits checker knows Home's 100 blocks and an unfurl's 50", () => {
  const blocks = (count: number) => Array.from({ length: count }, () => ({ type: 'divider' }));
  expect(blockKitProblems({ blocks: blocks(100) }, 'home')).toEqual([]);
  expect(blockKitProblems({ blocks: blocks(101) }, 'home')).toEqual(['blocks: 101, over 100']);
  expect(blockKitProblems({ blocks: blocks(51) }, 'unfurl')).toEqual(['blocks: 51, over 50']);
});
