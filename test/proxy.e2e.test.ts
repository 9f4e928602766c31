import { type ConnectProxy, startConnectProxy } from './support/connectProxy';
import { CANCELED_REF, instancePath, recorded } from './support/fixtures';
import { eventually } from './support/follows';
import { type BotUnderTest, withBotUnderTest } from './support/runningBot';
import { postSigned, slashCommand } from './support/signedRequest';
import { checkedReply } from './support/slackUser';
import { startSocketModeBot } from './support/socketModeBot';

/**
 * Every outbound call goes through the proxy in HTTPS_PROXY / HTTP_PROXY, loopback included, unless NO_PROXY names
 * its host. The stand-ins are plain http on 127.0.0.1, so HTTP_PROXY is the one they are reached through.
 */

const LOOKUP = `${CANCELED_REF.workflowId} ${CANCELED_REF.instanceId}`;
const hostOf = (url: string) => new URL(url).host;

let proxy: ConnectProxy;
beforeEach(async () => {
  proxy = await startConnectProxy();
});
afterEach(() => proxy.close());

/** A lookup whose reply goes to a response_url on `localhost`, a host of its own beside the Web API's 127.0.0.1. */
async function lookUpWithReplyAtLocalhost(bot: BotUnderTest, name: string): Promise<string> {
  bot.datadog.script(instancePath(CANCELED_REF), { body: recorded('get-instance-200-canceled').body });
  const responseUrl = bot.slack.responseUrl(name).replace('127.0.0.1', 'localhost');
  expect((await postSigned(bot.eventsUrl, slashCommand(LOOKUP, responseUrl))).status).toBe(200);
  const [reply] = await bot.slack.repliesTo(name);
  expect(JSON.stringify(checkedReply(reply))).toContain('Canceled');
  return hostOf(responseUrl);
}

test('auth.test, Datadog and the response_url post each go through the proxy', async () => {
  await withBotUnderTest({ HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url }, async (bot) => {
    expect(await bot.bot.tokenChecked).toMatchObject({ ok: true });
    const replyHost = await lookUpWithReplyAtLocalhost(bot, 'proxied');
    expect(proxy.tunnelsTo(hostOf(bot.slack.url))).toBeGreaterThan(0);
    expect(proxy.tunnelsTo(hostOf(bot.datadog.url))).toBeGreaterThan(0);
    expect(proxy.tunnelsTo(replyHost)).toBeGreaterThan(0);
    expect(proxy.plainRequests).toBe(0);
  });
});

test('lower-case http_proxy works the same; a host NO_PROXY names is reached directly, the others still proxied', async () => {
  await withBotUnderTest({ http_proxy: proxy.url, no_proxy: 'localhost' }, async (bot) => {
    expect(await bot.bot.tokenChecked).toMatchObject({ ok: true });
    const replyHost = await lookUpWithReplyAtLocalhost(bot, 'not-proxied');
    expect(proxy.tunnelsTo(replyHost)).toBe(0);
    expect(proxy.tunnelsTo(hostOf(bot.slack.url))).toBeGreaterThan(0);
    expect(proxy.tunnelsTo(hostOf(bot.datadog.url))).toBeGreaterThan(0);
  });
});

test('no proxy set: nothing goes through it', async () => {
  await withBotUnderTest({}, async (bot) => {
    expect(await bot.bot.tokenChecked).toMatchObject({ ok: true });
    await lookUpWithReplyAtLocalhost(bot, 'direct');
    expect(proxy.tunnels).toEqual([]);
  });
});

test('Socket Mode: apps.connections.open and the WebSocket itself go through the proxy', async () => {
  const { bot, slack, socket, close } = await startSocketModeBot({ HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url });
  try {
    // Connected on the bot's side too: a stop while the WebSocket still opens leaves the SDK's close timer running.
    await eventually('the socket connected', () => bot.readiness.report().checks.socket_connection === 'ok');
    expect(slack.apiCalls('apps.connections.open')).toHaveLength(1);
    expect(proxy.tunnelsTo(hostOf(socket.url))).toBe(1);
    expect(proxy.tunnelsTo(hostOf(slack.url))).toBeGreaterThan(0);
    // Both ways through the tunnel: an envelope in, its ack out.
    socket.deliver({
      envelope_id: 'envelope-proxied',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: slashCommand(LOOKUP, slack.responseUrl('socket-proxied')),
    });
    await socket.waitForAck('envelope-proxied');
    // Slack's end closes first: the SDK's close handshake through a tunnel at stop is not seen to finish, and its
    // 30 s timer would outlive the test (the bot's own process exits at once after a stop).
    await socket.close();
    await eventually('the drop seen', () => bot.readiness.report().checks.socket_connection !== 'ok');
  } finally {
    await close();
  }
});
