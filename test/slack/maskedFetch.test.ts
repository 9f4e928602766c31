import { SECRET_MASK, secretMask } from '../../src/render/secretMask';
import { maskedFetch } from '../../src/slack/maskedFetch';

/** The Web API client's form bodies, as WebClient serializes them (objects as JSON strings), masked before they leave. */

const TOKEN = 'xoxb-1234-never-in-a-message';
const QUOTED = 'dd"key\\with-quotes';

/** What the masked fetch hands on for this request init. */
function sentFor(init: { method: string; body: string }): unknown {
  let sent: unknown;
  void maskedFetch(secretMask([TOKEN, QUOTED]), async (_url, given) => {
    sent = given;
    return new Response('{"ok":true}');
  })('http://127.0.0.1/api/chat.postMessage', init);
  return sent;
}

test('a secret in a JSON field is masked, even one that JSON escapes; the token field is left for Slack', () => {
  const blocks = JSON.stringify([{ type: 'section', text: { type: 'mrkdwn', text: `key ${QUOTED} and ${TOKEN}` } }]);
  const body = new URLSearchParams({ token: TOKEN, channel: 'C0INCIDENT', text: `uses ${TOKEN}`, blocks }).toString();
  const form = new URLSearchParams((sentFor({ method: 'POST', body }) as { body: string }).body);
  expect(form.get('token')).toBe(TOKEN);
  expect(form.get('text')).toBe(`uses ${SECRET_MASK}`);
  expect(JSON.parse(form.get('blocks') ?? '')).toEqual([
    { type: 'section', text: { type: 'mrkdwn', text: `key ${SECRET_MASK} and ${SECRET_MASK}` } },
  ]);
});

test('a body with no secret is sent exactly as it came, spacing of JSON-looking text included', () => {
  const init = {
    method: 'POST',
    body: new URLSearchParams({ channel: 'C0INCIDENT', text: '{ "looks": "like JSON" }' }).toString(),
  };
  expect(sentFor(init)).toBe(init);
});
