import { escapeMrkdwn, inlineCode } from '../../src/render/mrkdwn';
import { SECRET_MASK, secretMask } from '../../src/render/secretMask';

/** Every string of a payload, however deep, with each configured secret blanked, in every form a presenter shows it. */

const API_KEY = 'ddapi0123456789abcdef';
const ODD = 'pa<ss>&wo`rd';
const mask = secretMask([API_KEY, ODD, undefined, '']);

test('a secret is masked as it is, mrkdwn-escaped and inside inline code, at any depth', () => {
  const payload = {
    text: `key ${API_KEY} is not valid`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `said: ${escapeMrkdwn(ODD)}` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: inlineCode(ODD) }], count: 3, on: true, none: null },
    ],
  };
  expect(mask(payload)).toEqual({
    text: `key ${SECRET_MASK} is not valid`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `said: ${SECRET_MASK}` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `\`${SECRET_MASK}\`` }], count: 3, on: true, none: null },
    ],
  });
});

test('masking never makes a text longer, so a reply within Slack’s limits stays within them', () => {
  for (const secret of [API_KEY, ODD, 'x'.repeat(SECRET_MASK.length)]) {
    const text = `${secret} and ${escapeMrkdwn(secret)}`;
    expect(secretMask([secret])(text).length).toBeLessThanOrEqual(text.length);
  }
});

test('short values are never masked: they would blank ordinary words', () => {
  const short = secretMask(['the', 'abc1234']);
  expect(short('the key abc1234 is here')).toBe('the key abc1234 is here');
});

test('no secrets: the payload is given back as it is', () => {
  const payload = { text: API_KEY };
  expect(secretMask([])(payload)).toBe(payload);
});
