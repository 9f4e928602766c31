import { blockKitProblems } from '../../src/render/limits';
import { CANCELED_REF, instancePath, recorded } from '../support/fixtures';
import { slashCommand } from '../support/signedRequest';
import { APP_TOKEN, startSocketModeBot } from '../support/socketModeBot';

test('with SLACK_APP_TOKEN the bot runs in Socket Mode: envelopes are acked over the socket, replies go to response_url', async () => {
  const { bot, datadog, slack, socket, logs, close } = await startSocketModeBot();
  try {
    await socket.connected;
    expect(bot.mode).toBe('socket');
    expect(slack.apiCalls('apps.connections.open')[0]?.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);

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
    expect(logs.join('\n')).not.toContain(APP_TOKEN);
  } finally {
    await close();
  }
});
