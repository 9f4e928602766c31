import type { Button } from '@slack/types';
import type { HealthOutcome } from '../../src/core/healthCheck';
import type { HomeOutcome } from '../../src/core/homeTab';
import type { FollowedRun, RecentLookup } from '../../src/core/surfacePorts';
import { section } from '../../src/render/blocks';
import { refusalWords } from '../../src/render/failureReply';
import { healthCheckBlocks } from '../../src/render/healthCheck';
import { HOME_FOLLOWS_SHOWN, presentHome } from '../../src/render/homeView';
import { blockKitProblems } from '../../src/render/limits';
import { runButtonValue } from '../../src/render/runButtonValue';
import { renderUsage } from '../../src/render/usageReply';
import { FIXED_NOW } from '../support/fakeSource';
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
  const view = presentHome(home());
  expect(blockKitProblems(view, 'home')).toEqual([]);
  const text = JSON.stringify(view);
  expect(text).not.toMatch(/<!channel>|<!here>|<@U0ADMIN>|<https:\/\/evil/);
  expect(text.match(/"action_id":"home_stop_following"/g)).toHaveLength(HOME_FOLLOWS_SHOWN);
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

describe('exact Home shapes', () => {
  const site = 'datadoghq.com';
  const header = (text: string) => ({ type: 'header', text: { type: 'plain_text', text, emoji: true } });
  const link = (n: number): Button => ({
    type: 'button',
    action_id: 'open_in_datadog',
    text: { type: 'plain_text', text: 'Open in Datadog' },
    url: `https://app.datadoghq.com/workflow/${WF}?instance=${run(n)}`,
  });
  const stop = (n: number): Button => ({
    type: 'button',
    action_id: 'home_stop_following',
    text: { type: 'plain_text', text: 'Stop' },
    value: runButtonValue(ref(n), site),
  });
  const at = '<!date^1795835400^{date_short_pretty} {time_secs}|2026-11-28 03:10:00 UTC>';
  const passing: HealthOutcome = { ...health, ok: true, apiKey: { status: 'pass' }, appKey: { status: 'pass' } };

  test('a whole Home: intro, usage, connection, follows with a Stop button each, lookups both ways', () => {
    const view = presentHome({
      site,
      health: passing,
      follows: {
        kind: 'listed',
        runs: [
          { ref: ref(1), channelId: 'C0INCIDENT', since: FIXED_NOW, workflowName: 'Roll back' },
          { ref: ref(2), since: FIXED_NOW },
        ],
      },
      recent: [
        {
          ref: ref(3),
          at: FIXED_NOW,
          result: { ok: true, run: { statusKind: 'SUCCEEDED', statusName: 'Succeeded', workflowName: 'Deploy' } },
        },
        { ref: ref(4), at: FIXED_NOW, result: { ok: false, failure: { kind: 'not_found', what: 'instance' } } },
      ],
    });
    expect(view).toEqual({
      type: 'home',
      blocks: [
        header('dd-instance'),
        section(
          'Look up a Datadog Workflow Automation run without leaving Slack. This bot reads Datadog site *datadoghq.com*.',
        ),
        ...renderUsage().blocks,
        { type: 'divider' },
        header('Datadog connection'),
        ...healthCheckBlocks(passing),
        { type: 'divider' },
        header('Runs you follow'),
        section(`*Roll back*\nRun \`${run(1)}\` · followed ${at} in <#C0INCIDENT>`, stop(1)),
        section(`Workflow \`${WF}\`\nRun \`${run(2)}\` · followed ${at}`, stop(2)),
        { type: 'divider' },
        header('Your last lookups'),
        section(`:white_check_mark: Succeeded *Deploy*\nRun \`${run(3)}\` · looked up ${at}`, link(3)),
        section(`:mag: Run not found Workflow \`${WF}\`\nRun \`${run(4)}\` · looked up ${at}`, link(4)),
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'Kept in the bot’s memory until it restarts.' }] },
      ],
    });
  });

  test('the follow list shows exactly HOME_FOLLOWS_SHOWN and counts the rest; at the limit, no count', () => {
    const follows = (count: number): HomeOutcome['follows'] => ({
      kind: 'listed',
      runs: Array.from({ length: count }, (_unused, n) => ({ ref: ref(n), since: FIXED_NOW })),
    });
    const at20 = JSON.stringify(presentHome(home({ follows: follows(HOME_FOLLOWS_SHOWN) })));
    expect(at20).not.toContain('more.');
    expect(at20).toContain(run(HOME_FOLLOWS_SHOWN - 1));
    const at21 = JSON.stringify(presentHome(home({ follows: follows(HOME_FOLLOWS_SHOWN + 1) })));
    expect(at21).toContain('"text":"…and 1 more."');
    expect(at21).not.toContain(run(HOME_FOLLOWS_SHOWN));
  });

  test('the three follow states, exactly', () => {
    const followPart = (follows: HomeOutcome['follows']) => {
      const blocks = presentHome(home({ follows })).blocks;
      const start = blocks.findIndex((block) => JSON.stringify(block).includes('Runs you follow'));
      return blocks[start + 1];
    };
    expect(followPart({ kind: 'unavailable' })).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'Following runs is not turned on for this bot.' }],
    });
    expect(followPart({ kind: 'failed' })).toEqual(
      section(':warning: Your followed runs could not be listed just now.'),
    );
    expect(followPart({ kind: 'listed', runs: [] })).toEqual(section('You follow no runs.'));
    const noLookups = presentHome(home({ recent: [] })).blocks.at(-1);
    expect(noLookups).toEqual(
      section(
        'No lookups yet. Try `/dd-instance <workflow_id> <instance_id>`, or the message shortcut on a message with a run.',
      ),
    );
  });

  test('a refused user sees what the bot is and why not, with no emoji code and no data', () => {
    expect(presentHome({ kind: 'refused', reason: 'user' })).toEqual({
      type: 'home',
      blocks: [header('dd-instance'), section(`*dd-instance is not available to you*\n${refusalWords('user').detail}`)],
    });
    expect(JSON.stringify(presentHome({ kind: 'refused', reason: 'rate_limited' }))).toContain(
      '"text":"*Too many lookups*\\n',
    );
  });
});

test('beside the health check, Home says whether acting is on and who may act; without the rules, nothing', () => {
  const acting = { enabled: true, userIds: ['U0ACTOR'], usergroupIds: [], workflowIds: [] };
  expect(JSON.stringify(presentHome(home({ acting })))).toContain('*Acting*: on. May cancel runs: <@U0ACTOR>');
  expect(JSON.stringify(presentHome(home({ acting: { ...acting, enabled: false } })))).toContain('*Acting*: off');
  expect(JSON.stringify(presentHome(home()))).not.toContain('Acting');
});
