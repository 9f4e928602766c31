import type { WorkflowRun } from '../../src/core/run';
import { blockKitBuilderUrl } from '../../src/render/blockKitBuilder';
import { renderFailure } from '../../src/render/failureReply';
import { renderRun } from '../../src/render/runReply';
import { colorWanted, mrkdwnToTerminal, renderTerminal } from '../../src/render/terminal';

const ESC = '\x1b[';
const plain = (mrkdwn: string) => mrkdwnToTerminal(mrkdwn, { timeZone: 'UTC' });

describe('mrkdwnToTerminal', () => {
  test('bold, italic, inline code and code blocks lose their marks', () => {
    expect(plain('*Status* is _unknown_ for `Step_one`')).toBe('Status is unknown for Step_one');
    expect(plain('*Error*\n```\nboom\nsecond line\n```')).toBe('Error\n    boom\n    second line');
  });

  test('links read as "label (url)"; a bare link as the URL', () => {
    expect(plain('<https://example.com/a?b=1|the run> and <https://example.com/x>')).toBe(
      'the run (https://example.com/a?b=1) and https://example.com/x',
    );
  });

  test('a Slack date reads as a local time in the given zone, not as its fallback', () => {
    const unix = Date.UTC(2024, 6, 24, 18, 38, 31) / 1000;
    expect(plain(`<!date^${unix}^{date_short_pretty} {time_secs}|2024-07-24 18:38:31 UTC>`)).toBe(
      'Jul 24, 2024, 18:38:31 UTC',
    );
    expect(mrkdwnToTerminal(`<!date^${unix}^{time}|x>`, { timeZone: 'Asia/Tokyo' })).toContain('03:38:31');
  });

  test("Slack's escapes are undone once, so escaped text shows as typed and never as a link", () => {
    expect(plain('&lt;!channel&gt; &amp;lt; a &lt;https://x|y&gt;')).toBe('<!channel> &lt; a <https://x|y>');
    expect(plain('`&lt;@U123&gt;`')).toBe('<@U123>');
  });

  test('the emoji the bot uses become symbols; other shortcodes and times stay as typed', () => {
    expect(plain(':white_check_mark: :x: :hourglass_flowing_sand: :no_entry_sign: :mag: :lock:')).toBe(
      '✅ ❌ ⏳ 🚫 🔍 🔒',
    );
    expect(plain(':not_ours: at 10:30:00')).toBe(':not_ours: at 10:30:00');
  });

  test('nothing inside code is restyled: underscores, stars, emoji and link-like text stay', () => {
    expect(plain('`a_b_c *d* :x:`')).toBe('a_b_c *d* :x:');
    expect(plain('```\n_x_ *y* :x: &lt;https://z|w&gt;\n```')).toBe('    _x_ *y* :x: <https://z|w>');
  });

  test('control characters from Datadog text cannot reach the terminal', () => {
    expect(plain('a\x1b[2Jb\x07c\u009bd')).toBe('a[2Jbcd');
    expect(plain('```\nx\x1b]0;title\x07y\n```')).toBe('    x]0;titley');
  });

  test('colour only when asked for', () => {
    expect(mrkdwnToTerminal('*bold* `code`', { color: true })).toContain(ESC);
    expect(mrkdwnToTerminal('*bold* `code`', { color: false })).not.toContain(ESC);
  });
});

const failedRun: WorkflowRun = {
  workflowId: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  instanceId: 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b',
  workflowName: 'Roll back <!channel> & friends',
  statusKind: 'STEP_ERROR',
  statusName: 'Failed',
  startedAt: new Date('2026-11-28T02:58:11Z'),
  endedAt: new Date('2026-11-28T02:59:47Z'),
  startedBy: 'Priya <@U0OTHER> Raman (manual)',
  steps: [
    { name: 'Get_current_deployment', state: 'SUCCEEDED' },
    { name: 'Rollback_deployment', state: 'ERROR', error: 'forbidden: cannot patch <deployments>' },
  ],
  error: 'forbidden: cannot patch <deployments>',
};

describe('renderTerminal', () => {
  const context = { site: 'datadoghq.com' as const, now: new Date('2026-11-28T03:10:00Z') };

  test('a run reads as status, who and when, steps, the error and the link', () => {
    const text = renderTerminal(renderRun(failedRun, context), { timeZone: 'UTC' });
    expect(text.split('\n')[0]).toBe('Roll back <!channel> & friends');
    expect(text).toContain('Status: ❌ Failed');
    expect(text).toContain('Started by: Priya <@U0OTHER> Raman (manual)');
    expect(text).toContain('Started: Nov 28, 2026, 02:58:11 UTC');
    expect(text).toContain('Duration: 1m 36s');
    expect(text).toContain('❌ Rollback_deployment error');
    expect(text).toContain('Error in step Rollback_deployment\n    forbidden: cannot patch <deployments>');
    expect(text).toContain(
      `→ Open in Datadog: https://app.datadoghq.com/workflow/${failedRun.workflowId}?instance=${failedRun.instanceId}`,
    );
    expect(text).not.toMatch(/&(amp|lt|gt);|<!date|```|\*/);
  });

  test('a failure reads as the same explanation the bot gives', () => {
    const ref = { workflowId: failedRun.workflowId, instanceId: failedRun.instanceId };
    const text = renderTerminal(renderFailure({ kind: 'forbidden', status: 403 }, { site: 'datadoghq.eu', ref }));
    expect(text).toContain("🔒 Datadog refused the bot's keys");
    expect(text).toContain('workflows_read');
    expect(text).toContain('→ Open in Datadog: https://app.datadoghq.eu/workflow/');
  });

  test('interactive buttons without a link are left out; dividers and context still show', () => {
    const text = renderTerminal({
      text: 'fallback',
      blocks: [
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'small *print*' }] },
        { type: 'divider' },
        {
          type: 'actions',
          elements: [{ type: 'button', action_id: 'refresh', text: { type: 'plain_text', text: 'Refresh' } }],
        },
      ],
    });
    expect(text).toBe(`small print\n\n${'─'.repeat(40)}`);
  });

  test('a reply without blocks shows its text', () => {
    expect(renderTerminal({ text: '*Only* text', blocks: [] })).toBe('Only text');
  });
});

test('colour is wanted on a terminal only, and never with NO_COLOR', () => {
  expect(colorWanted({ isTTY: true }, {})).toBe(true);
  expect(colorWanted({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
  expect(colorWanted({ isTTY: false }, {})).toBe(false);
  expect(colorWanted({}, {})).toBe(false);
});

test('the Block Kit Builder link holds exactly the reply blocks', () => {
  const reply = renderRun(failedRun, { site: 'datadoghq.com', now: new Date() });
  const url = blockKitBuilderUrl(reply);
  expect(url.startsWith('https://app.slack.com/block-kit-builder/#')).toBe(true);
  expect(JSON.parse(decodeURIComponent(url.split('#')[1]!))).toEqual({ blocks: reply.blocks });
});
