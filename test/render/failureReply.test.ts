import type { DatadogFailure } from '../../src/core/failures';
import { renderFailure, renderRefusal } from '../../src/render/failureReply';
import { blockKitProblems } from '../../src/render/limits';

/** Every failure's words, block by block: each says what happened and what to do, and links to the run only where that helps. */

const WF = 'ccf73164-1998-4785-a7a3-8d06c7e5f558';
const RUN = '305a472b-71ab-4ce8-8f8d-75db635627b5';
const ref = { workflowId: WF, instanceId: RUN };
const context = { site: 'datadoghq.eu' as const, ref };

function sectionText(reply: ReturnType<typeof renderFailure>): string {
  const [first] = reply.blocks as Array<{ type: string; text?: { text: string } }>;
  expect(first?.type).toBe('section');
  return first!.text!.text;
}

function hasLink(reply: ReturnType<typeof renderFailure>): boolean {
  return JSON.stringify(reply.blocks).includes(`https://app.datadoghq.eu/workflow/${WF}?instance=${RUN}`);
}

test.each<[string, DatadogFailure, string, string, boolean]>([
  [
    'workflow not found',
    { kind: 'not_found', what: 'workflow' },
    '*:mag: Workflow not found*',
    `Datadog (*datadoghq.eu*) has no workflow \`${WF}\`. Check the workflow ID`,
    false,
  ],
  [
    'run not found',
    { kind: 'not_found', what: 'instance' },
    '*:mag: Run not found*',
    `Datadog (*datadoghq.eu*) has no run \`${RUN}\` in workflow \`${WF}\`. A run that was triggered seconds ago`,
    false,
  ],
  [
    'not found, unknown which, with a run',
    { kind: 'not_found', what: 'unknown' },
    '*:mag: Run not found*',
    'try again shortly',
    false,
  ],
  [
    'rejected with Datadog’s words, the IDs being UUIDs',
    { kind: 'bad_request', status: 400, detail: 'key <k> app <a> is not valid' },
    '*:warning: Datadog rejected the request*',
    'Datadog answered HTTP 400 and said: “key &lt;k&gt; app &lt;a&gt; is not valid”. The IDs are valid UUIDs, so they are not what it refused. Try again',
    true,
  ],
  [
    'rejected without words',
    { kind: 'bad_request', status: 413 },
    '*:warning: Datadog rejected the request*',
    'Datadog answered HTTP 413 without saying why. Try again',
    true,
  ],
  [
    'rejected without words or status',
    { kind: 'bad_request' },
    '*:warning: Datadog rejected the request*',
    'Datadog answered HTTP 400 without saying why',
    true,
  ],
  [
    'forbidden',
    { kind: 'forbidden', status: 403 },
    "*:lock: Datadog refused the bot's keys*",
    "Datadog answered HTTP 403 on *datadoghq.eu*. The bot's application key needs the `workflows_read` permission",
    true,
  ],
  [
    'rate-limited, with a reset',
    { kind: 'rate_limited', retryAfterSeconds: 2.2 },
    '*:hourglass: Datadog is rate-limiting the bot*',
    'Try again in 3 seconds, or open the run in Datadog.',
    true,
  ],
  [
    'rate-limited, reset under a second',
    { kind: 'rate_limited', retryAfterSeconds: 0 },
    '*:hourglass: Datadog is rate-limiting the bot*',
    'Try again in 1 second,',
    true,
  ],
  [
    'rate-limited, no reset',
    { kind: 'rate_limited' },
    '*:hourglass: Datadog is rate-limiting the bot*',
    'Try again in a minute, or open the run in Datadog.',
    true,
  ],
  [
    'unavailable',
    { kind: 'unavailable', status: 503 },
    '*:warning: Datadog is having trouble*',
    'Datadog answered HTTP 503, even after retries.',
    true,
  ],
  [
    'timeout',
    { kind: 'timeout', afterMs: 20_400 },
    '*:stopwatch: Datadog did not answer in time*',
    'No answer after 20 s, even with retries.',
    true,
  ],
  [
    'timeout under a second',
    { kind: 'timeout', afterMs: 100 },
    '*:stopwatch: Datadog did not answer in time*',
    'No answer after 1 s',
    true,
  ],
  [
    'cut off',
    { kind: 'unreachable', cutOff: true },
    '*:electric_plug: Datadog’s answer was cut off*',
    'The connection broke while Datadog was still sending the run',
    true,
  ],
  [
    'unreachable with a code',
    { kind: 'unreachable', code: 'ECONN<RESET>' },
    '*:electric_plug: The bot could not reach Datadog*',
    "The connection to Datadog's API for *datadoghq.eu* failed (ECONN&lt;RESET&gt;). Whoever runs the bot",
    true,
  ],
  [
    'unreachable with a known cause',
    { kind: 'unreachable', code: 'ENOTFOUND', cause: 'dns' },
    '*:electric_plug: The bot could not reach Datadog*',
    "The connection to Datadog's API for *datadoghq.eu* failed: the host name does not resolve (ENOTFOUND). For whoever runs the bot: check DD_SITE and DD_API_URL for a typo;",
    true,
  ],
  [
    'unreachable without a code',
    { kind: 'unreachable' },
    '*:electric_plug: The bot could not reach Datadog*',
    "The connection to Datadog's API for *datadoghq.eu* failed. Whoever",
    true,
  ],
  [
    'another site',
    { kind: 'other_site', linkSite: 'us3.datadoghq.com', botSite: 'datadoghq.eu' },
    '*:globe_with_meridians: This link is for another Datadog site*',
    'This link is for *us3.datadoghq.com*, but the bot reads *datadoghq.eu*, so it was not looked up.',
    false,
  ],
  [
    'busy',
    { kind: 'busy' },
    '*:hourglass: dd-instance is busy*',
    'with a full queue behind them. Try again in a few seconds.',
    true,
  ],
  [
    'unreadable answer',
    { kind: 'invalid_response', reason: 'a <b>bad</b> body' },
    '*:warning: Datadog sent an answer the bot cannot read*',
    'a &lt;b&gt;bad&lt;/b&gt; body. Try again, or open the run in Datadog.',
    true,
  ],
  [
    'refused',
    { kind: 'refused', reason: 'channel' },
    '*:no_entry: dd-instance is not allowed here*',
    'this is not one of them, so nothing was looked up',
    false,
  ],
])('%s', (_name, failure, title, detail, linkHelps) => {
  const reply = renderFailure(failure, context);
  const text = sectionText(reply);
  expect(text.startsWith(`${title}\n`)).toBe(true);
  expect(text).toContain(detail);
  expect(hasLink(reply)).toBe(linkHelps);
  expect(JSON.stringify(reply.blocks[1])).toContain(`Workflow \`${WF}\` · Run \`${RUN}\``);
  expect(reply.blocks).toHaveLength(linkHelps ? 3 : 2);
  // The fallback is plain: no bold stars and no leading emoji code.
  expect(reply.text).not.toMatch(/\*|^:[a-z_]+:/);
  expect(reply.text.startsWith(title.replace(/^\*:[a-z_]+: /, '').replace(/\*$/, ''))).toBe(true);
  expect(blockKitProblems(reply)).toEqual([]);
});

test('a 400 blames the IDs only when one is not a UUID', () => {
  const notUuid = { site: 'datadoghq.com' as const, ref: { workflowId: WF, instanceId: 'not-a-uuid' } };
  const text = sectionText(renderFailure({ kind: 'bad_request', status: 400, detail: 'bad <uuid>' }, notUuid));
  expect(text).toBe(
    '*:warning: Datadog rejected the IDs*\nBoth IDs must be UUIDs, like `123e4567-e89b-12d3-a456-426614174000`. Datadog said: bad &lt;uuid&gt;',
  );
  // With no IDs at all (the health check), neither is blamed.
  const bare = renderFailure({ kind: 'bad_request', status: 400, detail: 'Bad Request' }, { site: 'datadoghq.com' });
  expect(sectionText(bare)).toBe(
    '*:warning: Datadog rejected the request*\nDatadog answered HTTP 400 and said: “Bad Request”. Try again, or open the run in Datadog; if it keeps happening, whoever runs the bot can check the keys with `dd-instance --check`.',
  );
});

test('without a run, a failure is one section: no IDs line and no link', () => {
  const reply = renderFailure({ kind: 'not_found', what: 'unknown' }, { site: 'datadoghq.com', workflowId: WF });
  expect(reply.blocks).toHaveLength(1);
  expect(sectionText(reply)).toContain(
    `*:mag: Workflow not found*\nDatadog (*datadoghq.com*) has no workflow \`${WF}\``,
  );
  const bare = renderFailure({ kind: 'not_found', what: 'workflow' }, { site: 'datadoghq.com' });
  expect(sectionText(bare)).toContain('has no workflow with that ID.');
});

test.each([
  ['team', 'dd-instance is not allowed here', 'only in the workspaces it is set up for'],
  ['user', 'dd-instance is not available to you', 'only the people it is set up for'],
  ['usergroup', 'dd-instance is not available to you', 'only members of some user groups, so'],
  ['usergroup_unknown', 'dd-instance could not check your access', 'Slack did not say just now'],
  ['workflow', 'This workflow is not allowed here', 'runs of some workflows only'],
  ['share_off', 'Sharing is turned off', 'not to post runs to channels'],
  ['rate_limited', 'Too many lookups', 'Wait a minute and try again.'],
] as const)('refused for %s: its own words and no Datadog data', (reason, title, detail) => {
  const reply = renderRefusal(reason);
  expect(reply.text.startsWith(`${title}. `)).toBe(true);
  expect(reply.text).toContain(detail);
  expect(reply.blocks).toHaveLength(1);
  expect(JSON.stringify(reply.blocks)).toContain(`*:`);
  expect(JSON.stringify(reply.blocks)).toContain(`${title}*\\n`);
});

describe('worded for the person running dd-instance (forOperator)', () => {
  const operator = { ...context, forOperator: true };
  const failures: DatadogFailure[] = [
    { kind: 'not_found', what: 'workflow' },
    { kind: 'not_found', what: 'instance' },
    { kind: 'bad_request', status: 400, detail: 'nope' },
    { kind: 'bad_request', status: 413 },
    { kind: 'forbidden', status: 403 },
    { kind: 'rate_limited' },
    { kind: 'unavailable', status: 503 },
    { kind: 'timeout', afterMs: 20_000 },
    { kind: 'unreachable', code: 'ECONNREFUSED' },
    { kind: 'unreachable', cutOff: true },
    { kind: 'other_site', linkSite: 'us3.datadoghq.com', botSite: 'datadoghq.eu' },
    { kind: 'busy' },
    { kind: 'invalid_response', reason: 'a bad body' },
  ];

  test.each(failures.map((failure) => [failure.kind, failure] as const))(
    '%s never sends the reader to whoever runs the bot, and still fits Block Kit',
    (_kind, failure) => {
      const reply = renderFailure(failure, operator);
      expect(`${reply.text} ${JSON.stringify(reply.blocks)}`).not.toMatch(/whoever runs the bot|the bot's|the bot /i);
      expect(blockKitProblems(reply)).toEqual([]);
    },
  );

  test.each<[string, DatadogFailure, string]>([
    [
      'keys refused',
      { kind: 'forbidden', status: 403 },
      '*:lock: Datadog refused DD_API_KEY and DD_APP_KEY*\nDatadog answered HTTP 403 on *datadoghq.eu*. DD_APP_KEY needs the `workflows_read` permission, and both keys must belong to the org on this site. Check with `dd-instance --check`.',
    ],
    [
      'another site',
      { kind: 'other_site', linkSite: 'us3.datadoghq.com', botSite: 'datadoghq.eu' },
      '*:globe_with_meridians: This link is for another Datadog site*\nThis link is for *us3.datadoghq.com*, but DD_SITE is *datadoghq.eu*, so it was not looked up. Open the run from the link, or run dd-instance with DD_SITE=us3.datadoghq.com and keys of that site.',
    ],
    [
      'unreachable',
      { kind: 'unreachable', code: 'ENOTFOUND' },
      "*:electric_plug: dd-instance could not reach Datadog*\nThe connection to Datadog's API for *datadoghq.eu* failed (ENOTFOUND). Check this machine’s network, DD_SITE and DD_API_URL.",
    ],
    [
      'unreachable with a known cause',
      { kind: 'unreachable', code: 'ECONNREFUSED', cause: 'refused' },
      "*:electric_plug: dd-instance could not reach Datadog*\nThe connection to Datadog's API for *datadoghq.eu* failed: the connection was refused (ECONNREFUSED). Next: check DD_SITE and DD_API_URL, or the proxy in HTTPS_PROXY.",
    ],
    [
      'rejected without words',
      { kind: 'bad_request', status: 413 },
      '*:warning: Datadog rejected the request*\nDatadog answered HTTP 413 without saying why. Try again, or open the run in Datadog; if it keeps happening, check DD_API_URL and any proxy.',
    ],
  ])('%s: what to check, in full', (_name, failure, text) => {
    expect(sectionText(renderFailure(failure, operator))).toBe(text);
  });

  test('the Slack wording is unchanged without it', () => {
    expect(sectionText(renderFailure({ kind: 'forbidden', status: 403 }, context))).toContain(
      'Whoever runs the bot can check with `dd-instance --check`.',
    );
  });
});
