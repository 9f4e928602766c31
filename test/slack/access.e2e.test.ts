import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runButtonValue } from '../../src/render/runButtonValue';
import { RUN_ACTIONS, STOP_FOLLOWING_ACTION } from '../../src/render/slackIds';
import { blockActions, buttonsIn } from '../support/blockActions';
import { logLine } from '../support/logs';
import { type BotUnderTest, useBotUnderTest } from '../support/runningBot';
import {
  appHomeOpened,
  interactive,
  linkShared,
  messageShortcut,
  postSigned,
  postSignedEvent,
  slashCommand,
} from '../support/signedRequest';
import { command } from '../support/slackUser';

/**
 * Access rules end to end: signed requests from the allowed team, channel, user and workflow are answered; one thing
 * changed makes each entry point refuse in private words, and the loopback Datadog is never asked.
 */

const WF = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const RUN = 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b';
const OTHER_WF = '0b7e8c9d-1a2b-4c3d-9e8f-7a6b5c4d3e2f';
/** A run the sample Datadog shows still going: followed until stopped. */
const RUNNING = 'a1b2c3d4-0002-4e5f-8a9b-0c1d2e3f4a5b';

interface Who {
  team: string;
  channel: string;
  user: string;
  workflow: string;
}

const ALLOWED: Who = { team: 'T0001', channel: 'C0INCIDENT', user: 'U0ONCALL', workflow: WF };

const REFUSED: Array<[string, Partial<Who>, RegExp]> = [
  ['team', { team: 'T0ELSEWHERE' }, /not allowed here/],
  ['channel', { channel: 'C0RANDOM' }, /not allowed here/],
  ['user', { user: 'U0STRANGER' }, /not available to you/],
  ['workflow', { workflow: OTHER_WF }, /workflow is not allowed here/],
];

let sequence = 0;

/** Sends one request to an entry point as `who`, and returns what the user got back (reply, modal or Home). */
type EntryPoint = (bot: BotUnderTest, who: Who) => Promise<string>;

/** The parts of an interactive payload that say who and where. */
interface Sender {
  team: { id: string };
  user: { id: string; team_id?: string };
  channel: { id: string };
}

function patched(form: Record<string, string>, patch: (payload: Sender) => void): Record<string, string> {
  const payload = JSON.parse(form.payload!) as Sender;
  patch(payload);
  return interactive(payload as unknown as Record<string, unknown>);
}

async function reply(bot: BotUnderTest, name: string, form: Record<string, string>): Promise<string> {
  expect((await postSigned(bot.eventsUrl, form)).status).toBe(200);
  const [answer] = await bot.slack.repliesTo(name);
  return JSON.stringify(answer);
}

function click(actionId: string, instanceId = RUN): EntryPoint {
  return (bot, who) => {
    const name = `access-${++sequence}`;
    const form = blockActions({
      actionId,
      value: runButtonValue({ workflowId: who.workflow, instanceId }, 'datadoghq.com'),
      responseUrl: bot.slack.responseUrl(name),
      userId: who.user,
    });
    return reply(
      bot,
      name,
      patched(form, (payload) => {
        payload.team.id = who.team;
        payload.user.team_id = who.team;
        payload.channel.id = who.channel;
      }),
    );
  };
}

const ENTRY_POINTS: Record<string, EntryPoint> = {
  command: async (bot, who) => {
    return JSON.stringify(
      await command(bot, `${who.workflow} ${RUN}`, { team_id: who.team, channel_id: who.channel, user_id: who.user }),
    );
  },
  shortcut: (bot, who) => {
    const name = `access-${++sequence}`;
    const form = messageShortcut({ text: `workflow ${who.workflow} run ${RUN}` }, bot.slack.responseUrl(name));
    return reply(
      bot,
      name,
      patched(form, (payload) => {
        payload.team.id = who.team;
        payload.channel.id = who.channel;
        payload.user.id = who.user;
      }),
    );
  },
  refresh: click(RUN_ACTIONS.refresh),
  view: click(RUN_ACTIONS.view),
  share: click(RUN_ACTIONS.share),
  modal: async (bot, who) => {
    const before = bot.slack.apiCalls('views.update').length;
    const name = `access-${++sequence}`;
    const form = blockActions({
      actionId: RUN_ACTIONS.fullError,
      value: runButtonValue({ workflowId: who.workflow, instanceId: RUN }, 'datadoghq.com'),
      responseUrl: bot.slack.responseUrl(name),
      userId: who.user,
    });
    const sent = patched(form, (payload) => {
      payload.team.id = who.team;
      payload.user.team_id = who.team;
      payload.channel.id = who.channel;
    });
    expect((await postSigned(bot.eventsUrl, sent)).status).toBe(200);
    const updates = await bot.slack.apiCallsTo('views.update', before + 1);
    return String(updates[before]!.body.view);
  },
  unfurl: async (bot, who) => {
    const eventId = `Ev0ACCESS${++sequence}`;
    const event = linkShared(eventId, [`https://app.datadoghq.com/workflow/${who.workflow}?instance=${RUN}`]) as {
      team_id: string;
      authorizations: Array<{ team_id: string }>;
      event: Record<string, unknown>;
    };
    event.team_id = who.team;
    event.authorizations[0]!.team_id = who.team;
    event.event.channel = who.channel;
    event.event.user = who.user;
    const before = bot.slack.unfurls().length;
    expect((await postSignedEvent(bot.eventsUrl, event)).status).toBe(200);
    const line = await logLine(bot.logs, new RegExp(`unfurl event_id=${eventId} `));
    // No card is the whole answer to a refused link: what the user sees is whether one was sent.
    const card = bot.slack
      .unfurls()
      .slice(before)
      .find((call) => JSON.stringify(call).includes(who.workflow));
    return `${line} ${card ? JSON.stringify(card) : 'no card'}`;
  },
};

function datadogCalls(bot: BotUnderTest): number {
  return bot.datadog.requests.length;
}

describe('with every allowlist set', () => {
  const harness = useBotUnderTest({
    UNFURL_ENABLED: '1',
    ALLOWED_TEAM_IDS: 'T0001,E0ORG',
    ALLOWED_CHANNEL_IDS: 'C0INCIDENT,C0OPS',
    ALLOWED_USER_IDS: 'U0ONCALL,U0LEAD',
    ALLOWED_WORKFLOW_IDS: WF,
  });

  test.each(Object.keys(ENTRY_POINTS))('%s from the allowed team, channel and user is answered', async (entry) => {
    const bot = harness();
    const answer = await ENTRY_POINTS[entry]!(bot, ALLOWED);
    expect(answer).not.toMatch(/not allowed|not available/);
    expect(datadogCalls(bot)).toBeGreaterThan(0);
  });

  const cases = Object.keys(ENTRY_POINTS).flatMap((entry) =>
    REFUSED.map(([what, change, words]) => [entry, what, change, words] as const),
  );
  test.each(cases)('%s refuses another %s, and Datadog is never asked', async (entry, _what, change, words) => {
    const bot = harness();
    const answer = await ENTRY_POINTS[entry]!(bot, { ...ALLOWED, ...change });
    if (entry === 'unfurl') expect(answer).toMatch(/cards=0 .*no card$/);
    else expect(answer).toMatch(words);
    expect(answer).not.toContain('Roll back payments-api');
    expect(datadogCalls(bot)).toBe(0);
  });

  test.each(REFUSED)(
    'Notify me refuses another %s: nothing is followed, no DM will come',
    async (_what, change, words) => {
      const bot = harness();
      const answer = await click(RUN_ACTIONS.follow)(bot, { ...ALLOWED, ...change });
      expect(answer).toMatch(words);
      expect(answer).not.toContain('You will get a DM');
      expect(await logLine(bot.logs, /follow user=\S+ instance=\S+ outcome=refused/)).toBeTruthy();
      expect(datadogCalls(bot)).toBe(0);
    },
  );

  test('Notify me from the allowed team, channel and user is recorded', async () => {
    expect(await click(RUN_ACTIONS.follow)(harness(), ALLOWED)).toContain('You will get a DM');
  });

  test.each([
    ['team', { team: 'T0ELSEWHERE' }],
    ['user', { user: 'U0STRANGER' }],
  ])('Home for a user of another %s says the bot is not available, with no data', async (_what, change) => {
    const bot = harness();
    const who = { ...ALLOWED, ...change };
    const event = appHomeOpened(`Ev0ACCESSHOME${++sequence}`, who.user) as {
      team_id: string;
      authorizations: Array<{ team_id: string }>;
    };
    event.team_id = who.team;
    event.authorizations[0]!.team_id = who.team;
    const before = bot.slack.publishedViews().length;
    expect((await postSignedEvent(bot.eventsUrl, event)).status).toBe(200);
    await bot.slack.apiCallsTo('views.publish', before + 1);
    const view = JSON.stringify(bot.slack.publishedViews()[before]!.view);
    expect(view).toMatch(/not allowed here|not available to you/);
    expect(view).not.toContain('Datadog connection');
    expect(datadogCalls(bot)).toBe(0);
  });

  test('Home is in no channel: an allowed user sees it whatever the channel list says', async () => {
    const bot = harness();
    const before = bot.slack.publishedViews().length;
    expect((await postSignedEvent(bot.eventsUrl, appHomeOpened(`Ev0ACCESSHOME${++sequence}`))).status).toBe(200);
    await bot.slack.apiCallsTo('views.publish', before + 1);
    expect(JSON.stringify(bot.slack.publishedViews()[before]!.view)).toContain('Datadog connection');
  });

  test('a request from an allowed Enterprise Grid org is answered whatever its workspace', async () => {
    const bot = harness();
    const answer = JSON.stringify(
      await command(bot, `${WF} ${RUN}`, { team_id: 'T0GRIDTEAM', enterprise_id: 'E0ORG' }),
    );
    expect(answer).toContain('Roll back payments-api');
  });

  test('help is refused too for someone the bot does not answer, and the refusal is in the audit trail', async () => {
    const bot = harness();
    expect(JSON.stringify(await command(bot, 'help', { user_id: 'U0STRANGER' }))).toMatch(/not available to you/);
    expect(await logLine(bot.logs, /lookup via=command user=U0STRANGER .*outcome=refused refusal=user/)).toBeTruthy();
  });
});

describe('with a user group allowlist', () => {
  const harness = useBotUnderTest({ ALLOWED_USERGROUP_IDS: 'S0ONCALL,S0SRE' });

  async function lookUpAs(user: string): Promise<string> {
    return JSON.stringify(await command(harness(), `${WF} ${RUN}`, { user_id: user }));
  }

  test('a member of either group is answered; Slack is asked once per group while its members are kept', async () => {
    const bot = harness();
    bot.slack.answerUsergroups({ S0ONCALL: ['U0ONCALL'], S0SRE: ['U0SRE'] });
    expect(await lookUpAs('U0SRE')).toContain('Roll back payments-api');
    expect(await lookUpAs('U0ONCALL')).toContain('Roll back payments-api');
    const asked = bot.slack.apiCalls('usergroups.users.list').map((call) => call.body.usergroup);
    expect(asked.sort()).toEqual(['S0ONCALL', 'S0SRE']);
  });

  test('someone in neither group is refused without asking Datadog', async () => {
    const bot = harness();
    expect(await lookUpAs('U0STRANGER')).toMatch(/not available to you/);
    expect(datadogCalls(bot)).toBe(0);
  });
});

describe('when Slack cannot list a user group', () => {
  const harness = useBotUnderTest({ ALLOWED_USERGROUP_IDS: 'S0ONCALL' });

  test('the request is refused with that reason, and Datadog is never asked', async () => {
    const bot = harness();
    bot.slack.answerUsergroups({ error: 'missing_scope' });
    const answer = JSON.stringify(await command(bot, `${WF} ${RUN}`));
    expect(answer).toMatch(/could not check your access/);
    expect(datadogCalls(bot)).toBe(0);
  });
});

describe('with SHARE_ENABLED=0', () => {
  const harness = useBotUnderTest({ SHARE_ENABLED: '0' });

  test('replies carry no Share button, and a forged Share press is refused without asking Datadog', async () => {
    const bot = harness();
    const answer = await command(bot, `${WF} ${RUN}`);
    const actions = buttonsIn(answer).map((button) => button.action_id);
    expect(actions).toContain(RUN_ACTIONS.refresh);
    expect(actions).not.toContain(RUN_ACTIONS.share);
    bot.datadog.reset();
    const shared = await ENTRY_POINTS.share!(bot, ALLOWED);
    expect(shared).toMatch(/Sharing is turned off/);
    expect(shared).toContain('"response_type":"ephemeral"');
    expect(datadogCalls(bot)).toBe(0);
  });
});

describe('SHOW_INITIATOR_EMAIL', () => {
  const started = (email: string) => ({
    data: {
      id: RUN,
      type: 'instances',
      attributes: {
        instanceStatus: { detailsKind: 'SUCCEEDED', displayName: 'Succeeded' },
        source: { manual: { actingUser: { userEmail: email } } },
      },
    },
  });

  describe('off (the default)', () => {
    const harness = useBotUnderTest();
    test('a run started by someone Datadog names only by email shows the name part, never the email', async () => {
      const bot = harness();
      bot.datadog.script(`/api/v2/workflows/${WF}/instances/${RUN}`, { body: started('jane.doe@example.com') });
      const answer = JSON.stringify(await command(bot, `${WF} ${RUN}`));
      expect(answer).toContain('jane.doe (manual)');
      expect(answer).not.toContain('example.com');
    });
  });

  describe('on', () => {
    const harness = useBotUnderTest({ SHOW_INITIATOR_EMAIL: '1' });
    test('the email is shown', async () => {
      const bot = harness();
      bot.datadog.script(`/api/v2/workflows/${WF}/instances/${RUN}`, { body: started('jane.doe@example.com') });
      const answer = JSON.stringify(await command(bot, `${WF} ${RUN}`));
      expect(answer).toContain('jane.doe@example.com');
    });
  });
});

describe('with RATE_LIMIT_PER_MINUTE=2', () => {
  const harness = useBotUnderTest({ RATE_LIMIT_PER_MINUTE: '2' });

  test('a third lookup within the minute is refused with a clear reply; another user is still answered', async () => {
    const bot = harness();
    const send = async (user: string) => {
      return JSON.stringify(await command(bot, `${WF} ${RUN}`, { user_id: user }));
    };
    // The lookups may straddle a minute's turn; five fall at least three in one minute.
    const answers: string[] = [];
    for (let i = 0; i < 5; i++) answers.push(await send('U0BUSY'));
    expect(answers.filter((answer) => /Too many lookups/.test(answer)).length).toBeGreaterThanOrEqual(1);
    expect(await send('U0CALM')).toContain('Roll back payments-api');
  });
});

describe('with DD_MAX_CONCURRENT=1 and DD_MAX_QUEUED=0', () => {
  const harness = useBotUnderTest({ DD_MAX_CONCURRENT: '1', DD_MAX_QUEUED: '0' });

  test('while one Datadog request is under way, another lookup is answered "busy" at once', async () => {
    const bot = harness();
    const other = 'a1b2c3d4-0003-4e5f-8a9b-0c1d2e3f4a5b';
    bot.datadog.script(`/api/v2/workflows/${WF}/instances/${RUN}`, { hang: true });
    const first = `access-${++sequence}`;
    expect((await postSigned(bot.eventsUrl, slashCommand(`${WF} ${RUN}`, bot.slack.responseUrl(first)))).status).toBe(
      200,
    );
    for (let wait = 0; wait < 100 && bot.datadog.requests.length === 0; wait++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const answer = JSON.stringify(await command(bot, `${WF} ${other}`));
    expect(answer).toContain('dd-instance is busy');
    expect(bot.datadog.requests.map((request) => request.path)).not.toContain(
      `/api/v2/workflows/${WF}/instances/${other}`,
    );
    // The first still gets its own answer (Datadog's time-out), once.
    expect(await bot.slack.repliesTo(first)).toHaveLength(1);
  });
});

describe('with AUDIT_LOG_FILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dd-audit-e2e-'));
  const file = join(dir, 'audit.jsonl');
  const harness = useBotUnderTest({ AUDIT_LOG_FILE: file, ALLOWED_CHANNEL_IDS: 'C0INCIDENT' });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('each lookup and each refusal is a JSON line in the file, with IDs and outcome only', async () => {
    const bot = harness();
    await command(bot, `${WF} ${RUN}`);
    await command(bot, `${WF} ${RUN}`, { channel_id: 'C0RANDOM' });
    let lines: Array<Record<string, unknown>> = [];
    for (let wait = 0; wait < 100 && lines.length < 2; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
      lines = text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    }
    expect(lines).toEqual([
      expect.objectContaining({
        team: 'T0001',
        user: 'U0ONCALL',
        channel: 'C0INCIDENT',
        action: 'command',
        workflow: WF,
        instance: RUN,
        outcome: 'found',
      }),
      expect.objectContaining({ channel: 'C0RANDOM', action: 'command', outcome: 'refused', refusal: 'channel' }),
    ]);
    expect(readFileSync(file, 'utf8')).not.toMatch(/Roll back|xoxb-|dd-api-key/);
  });

  test('a follow, a refused follow and a stop are audit lines too', async () => {
    const bot = harness();
    expect(await click(RUN_ACTIONS.follow, RUNNING)(bot, ALLOWED)).toContain('You will get a DM');
    expect(await click(RUN_ACTIONS.follow, RUNNING)(bot, { ...ALLOWED, channel: 'C0RANDOM' })).toMatch(/not allowed/);
    expect(await click(STOP_FOLLOWING_ACTION, RUNNING)(bot, ALLOWED)).toMatch(/no longer follow|stopped/i);
    const audited = () =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((line) => line.audit === 'follow' || line.audit === 'unfollow');
    for (let wait = 0; wait < 100 && audited().length < 3; wait++) await new Promise((r) => setTimeout(r, 20));
    const who = { team: 'T0001', user: 'U0ONCALL', action: 'follow', workflow: WF, instance: RUNNING };
    expect(audited()).toEqual([
      expect.objectContaining({ ...who, audit: 'follow', channel: 'C0INCIDENT', outcome: 'following' }),
      expect.objectContaining({ ...who, audit: 'follow', channel: 'C0RANDOM', outcome: 'refused', refusal: 'channel' }),
      expect.objectContaining({ audit: 'unfollow', user: 'U0ONCALL', instance: RUNNING, outcome: 'stopped' }),
    ]);
  });
});
