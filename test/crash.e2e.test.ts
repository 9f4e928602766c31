import { join } from 'node:path';
import { startChild } from './support/child';
import { TEST_SECRETS } from './support/runningBot';
import { startSlackStandIn } from './support/slackStandIn';

const PRELOAD = join(__dirname, 'fixtures', 'crashAfterStart.js');

test.each([
  ['exception', 'uncaught exception', 'an exception nobody caught'],
  ['rejection', 'unhandled rejection', 'a rejection nobody handled'],
])(
  'an %s nobody caught is logged with its stack, then the bot stops gracefully and exits 1',
  async (kind, logged, message) => {
    const slack = await startSlackStandIn();
    const child = startChild('index.js', [], {
      ...TEST_SECRETS,
      PORT: '0',
      DD_DEMO: '1',
      SLACK_API_URL: slack.apiUrl,
      LOG_FORMAT: 'json',
      NODE_OPTIONS: `--require ${PRELOAD}`,
      CRASH_KIND: kind,
    });
    try {
      await child.waitFor(/dd-instance started/);
      child.process.kill('SIGUSR2');
      const { code } = await child.exited;
      expect(code).toBe(1);
      const lines = child
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      const crash = lines.find((line) => line.msg === logged);
      expect(crash).toMatchObject({ error: message, stack: expect.stringContaining(`Error: ${message}\n    at `) });
      expect(lines.find((line) => line.msg === 'stopping')).toMatchObject({ after: logged });
    } finally {
      child.process.kill('SIGKILL');
      await slack.close();
    }
  },
);
