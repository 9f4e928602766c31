import type { WorkflowRun } from '../../src/core/run';
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

  test('each style has its own colour, and each turns itself off', () => {
    const colored = (mrkdwn: string) => mrkdwnToTerminal(mrkdwn, { color: true });
    expect(colored('*b*')).toBe(`${ESC}1mb${ESC}22m`);
    expect(colored('_i_')).toBe(`${ESC}3mi${ESC}23m`);
    expect(colored('`c`')).toBe(`${ESC}36mc${ESC}39m`);
    expect(colored('```\nx\ny\n```')).toBe(`    ${ESC}31mx${ESC}39m\n    ${ESC}31my${ESC}39m`);
    expect(colored('<https://e.x/a|run>')).toBe(`run (${ESC}4;34mhttps://e.x/a${ESC}24;39m)`);
    expect(colored('<https://e.x/a>')).toBe(`${ESC}4;34mhttps://e.x/a${ESC}24;39m`);
  });

  test('every emoji the bot uses has its symbol', () => {
    expect(
      plain(
        ':white_check_mark::hourglass_flowing_sand::hourglass::x::rotating_light::no_entry_sign::grey_question::white_circle::fast_forward::mag::warning::lock::stopwatch::electric_plug::test_tube::globe_with_meridians::gear:',
      ),
    ).toBe('✅⏳⌛❌🚨🚫❔⚪⏩🔍⚠️🔒⏱️🔌🧪🌐⚙️');
    expect(plain(':a+b-c_9:')).toBe(':a+b-c_9:');
  });

  test('a link whose label is its URL, or a mailto link, reads once; other angle text is not a link', () => {
    expect(plain('<https://e.x/a|https://e.x/a>')).toBe('https://e.x/a');
    expect(plain('<mailto:oncall@e.x|mail us>')).toBe('mail us (mailto:oncall@e.x)');
    expect(plain('<ftp://e.x|f> <https://a b|c>')).toBe('<ftp://e.x|f> <https://a b|c>');
    expect(plain('<http://e.x|a &amp; b>')).toBe('a & b (http://e.x)');
  });

  test('a date without a fallback, and a date in the middle of text, still read as a time', () => {
    const unix = Date.UTC(2024, 6, 24, 18, 38, 31) / 1000;
    expect(plain(`at <!date^${unix}^{time}> then`)).toBe('at Jul 24, 2024, 18:38:31 UTC then');
  });

  test('bold and italic only as whole words: snake_case, 2*3*4 and spaced stars stay', () => {
    expect(plain('snake_case_name and 2*3*4 and * not bold *')).toBe('snake_case_name and 2*3*4 and * not bold *');
    expect(plain('(*a b*) _c d_.')).toBe('(a b) c d.');
    expect(plain('*multi\nline*')).toBe('*multi\nline*');
  });

  test('inline code does not span lines; an unclosed fence is left as typed', () => {
    expect(plain('`a\nb`')).toBe('`a\nb`');
    expect(plain('```x```')).toBe('    x');
    expect(plain('```\nopen')).toBe('```\nopen');
  });

  test('placeholder characters in the input cannot pull held code into the text', () => {
    expect(plain('`secret` \uE0000\uE001')).toBe('secret ');
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

  test('a header is bold; fields read as "Label: value", indented when the value spans lines', () => {
    const text = renderTerminal(
      {
        text: 'fallback',
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: 'Head\x1b[2J' } },
          {
            type: 'section',
            fields: [
              { type: 'mrkdwn', text: '*Status*\n:x: Failed\nsecond' },
              { type: 'mrkdwn', text: 'no label' },
              { type: 'mrkdwn', text: '*Label only*' },
            ],
          },
          {
            type: 'context',
            elements: [
              { type: 'mrkdwn', text: 'a' },
              { type: 'plain_text', text: '*b*' },
            ],
          },
          { type: 'image', image_url: 'https://e.x/i.png', alt_text: 'i' },
        ],
      },
      { color: true },
    );
    expect(text).toBe(
      [
        `${ESC}1mHead[2J${ESC}22m`,
        `${ESC}1mStatus:${ESC}22m ❌ Failed\n  second\nno label\n${ESC}1mLabel only${ESC}22m`,
        `${ESC}2ma  *b*${ESC}22m`,
      ].join('\n\n'),
    );
  });

  test('only the link buttons of an actions block show, one per line', () => {
    const text = renderTerminal({
      text: 'fallback',
      blocks: [
        {
          type: 'actions',
          elements: [
            { type: 'button', text: { type: 'plain_text', text: 'A' }, url: 'https://e.x/a' },
            { type: 'button', action_id: 'x', text: { type: 'plain_text', text: 'B' } },
            { type: 'button', text: { type: 'plain_text', text: 'C' }, url: 'https://e.x/c' },
          ],
        },
        { type: 'section', text: { type: 'mrkdwn', text: '' } },
      ],
    });
    expect(text).toBe('→ A: https://e.x/a\n→ C: https://e.x/c');
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
