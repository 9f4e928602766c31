import { MESSAGE_TEXT_LIMITS, messageText } from '../../src/core/messageText';

const WF = 'ccf73164-1998-4785-a7a3-8d06c7e5f558';
const RUN = '305a472b-71ab-4ce8-8f8d-75db635627b5';

test('reads text, blocks and attachments, each piece once', () => {
  const message = {
    text: 'Datadog alert',
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `workflow ${WF}` } },
      { type: 'section', text: { type: 'mrkdwn', text: 'Datadog alert' } },
    ],
    attachments: [{ fallback: `instance ${RUN}`, fields: [{ title: 'x', value: 'y' }] }],
  };
  expect(messageText(message)).toBe(`Datadog alert\nworkflow ${WF}\ninstance ${RUN}\nx\ny`);
});

test('every text field a pasted run can sit in is read; other fields are not', () => {
  const fields = ['fallback', 'pretext', 'title', 'title_link', 'from_url', 'original_url', 'url', 'value'];
  const attachment = Object.fromEntries(fields.map((key) => [key, `${key}!`]));
  expect(messageText({ attachments: [{ ...attachment, footer: 'no', type: 'no', id: 'no' }] })).toBe(
    fields.map((key) => `${key}!`).join('\n'),
  );
});

test('a message of the wrong shape reads as empty text', () => {
  expect(messageText(undefined)).toBe('');
  expect(messageText({ text: 42, blocks: 'no', attachments: [null, 7] })).toBe('');
});

test('text is read down to the depth limit and no deeper', () => {
  const nested = (depth: number, text: string): unknown =>
    depth === 0 ? { text } : { elements: [nested(depth - 1, text)] };
  // Each level is an object and an array: two steps of depth.
  const levels = MESSAGE_TEXT_LIMITS.depth / 2;
  expect(messageText({ blocks: [nested(levels - 1, 'deep enough')] })).toBe('deep enough');
  expect(messageText({ blocks: [nested(levels, 'too deep')] })).toBe('');
});

test('the text is cut at the size limit', () => {
  const long = 'x'.repeat(MESSAGE_TEXT_LIMITS.chars);
  const read = messageText({ text: long, attachments: [{ fallback: `workflow ${WF} instance ${RUN}` }] });
  expect(read).toHaveLength(MESSAGE_TEXT_LIMITS.chars);
  expect(read).not.toContain(WF);
});
