import { createLog } from '../../src/core/log';
import { boltLogger } from '../../src/slack/boltLogger';

test("Bolt's debug lines never carry a view or message body, only the words before it", () => {
  const lines: string[] = [];
  const logger = boltLogger(
    createLog('debug', (line) => lines.push(line)),
    true,
  );
  const view = { type: 'modal', blocks: [{ type: 'section', text: { text: 'Datadog said: password=hunter2' } }] };
  logger.debug(`http request body: ${JSON.stringify({ view: JSON.stringify(view) })}`);
  logger.debug(JSON.stringify({ type: 'block_actions', message: { text: 'customer acme-corp' } }));
  logger.debug('ack() response sent (body: [object Object])', view);
  logger.info('Now connected to Slack');
  const output = lines.join('\n');
  expect(output).not.toMatch(/hunter2|acme-corp|blocks/);
  expect(output).toContain('bolt: http request body: [body not logged]');
  expect(output).toContain('bolt: Now connected to Slack');
  expect(lines).toHaveLength(4);
});

test("with debug off, Bolt's debug calls write nothing, even to a log that takes debug lines; other levels still write", () => {
  const lines: string[] = [];
  const logger = boltLogger(
    createLog('debug', (line) => lines.push(line)),
    false,
  );
  logger.debug('http request body: {"type":"block_actions"}');
  logger.warn('Now reconnecting');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain('WARN bolt: Now reconnecting');
});

test("the SDK's lines about a failed call, which the bot reports itself with the cause, are kept at debug", () => {
  const lines: string[] = [];
  const logger = boltLogger(
    createLog('debug', (line) => lines.push(line)),
    true,
  );
  logger.warn('http request failed', 'fetch failed');
  logger.error('Failed to retrieve a new WSS URL (error: Error: A request error occurred: fetch failed)');
  logger.error('apps.connections.open did not return a URL! (response: [object Object])');
  logger.error('WebSocket error occurred: Received network error or non-101 status code.');
  logger.warn('An unhandled error occurred while Bolt processed an event');
  expect(lines.map((line) => line.split(' ')[1])).toEqual(['DEBUG', 'DEBUG', 'DEBUG', 'DEBUG', 'WARN']);
  expect(lines[0]).toContain('bolt: http request failed fetch failed');
});
