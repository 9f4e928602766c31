import { loadBotConfig } from '../../src/config/load';
import { createLog } from '../../src/core/log';
import { blockKitProblems } from '../../src/render/limits';
import { startSampleDatadog } from '../../src/sample/sampleDatadog';
import { startBot } from '../../src/wiring';
import { CANCELED_REF, instancePath, recorded } from '../support/fixtures';
import { LOOPBACK_REPLIES, TEST_SECRETS } from '../support/runningBot';
import { slashCommand } from '../support/signedRequest';
import { startSlackStandIn } from '../support/slackStandIn';
import { startSocketModeStandIn } from '../support/socketModeStandIn';

test('with SLACK_APP_TOKEN the bot runs in Socket Mode: envelopes are acked over the socket, replies go to response_url', async () => {
  const datadog = await startSampleDatadog();
  const slack = await startSlackStandIn();
  const socket = await startSocketModeStandIn();
  slack.socketModeUrl = socket.url;
  const { SLACK_SIGNING_SECRET: _notNeeded, ...secrets } = TEST_SECRETS;
  const loaded = loadBotConfig({
    ...secrets,
    ...LOOPBACK_REPLIES,
    SLACK_APP_TOKEN: 'xapp-test-app-token',
    PORT: '0',
    DD_API_URL: datadog.url,
    SLACK_API_URL: slack.apiUrl,
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const logs: string[] = [];
  const bot = await startBot(
    loaded.config,
    createLog('info', (line) => logs.push(line)),
  );
  try {
    await socket.connected;
    expect(bot.mode).toBe('socket');
    expect(slack.apiCalls('apps.connections.open')[0]?.headers.authorization).toBe('Bearer xapp-test-app-token');

    datadog.script(instancePath(CANCELED_REF), { body: recorded('get-instance-200-canceled').body });
    socket.deliver({
      envelope_id: 'envelope-1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: slashCommand(`${CANCELED_REF.workflowId} ${CANCELED_REF.instanceId}`, slack.responseUrl('socket')),
    });
    await socket.waitForAck('envelope-1');
    const [reply] = await slack.repliesTo('socket');
    expect(blockKitProblems(reply!)).toEqual([]);
    expect(JSON.stringify(reply)).toContain('Canceled');
    expect(logs.join('\n')).not.toContain('xapp-test-app-token');
  } finally {
    await bot.stop(1000);
    await Promise.all([datadog.close(), slack.close(), socket.close()]);
  }
});
