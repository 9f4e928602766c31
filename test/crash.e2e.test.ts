import { join } from 'node:path';
import { withBotProcess } from './support/botProcess';

const PRELOAD = join(__dirname, 'fixtures', 'crashAfterStart.js');

test.each([
  ['exception', 'uncaught exception', 'an exception nobody caught'],
  ['rejection', 'unhandled rejection', 'a rejection nobody handled'],
])('an %s nobody caught is logged with its stack, then the bot stops gracefully and exits 1', (kind, logged, message) =>
  withBotProcess(
    { DD_DEMO: '1', LOG_FORMAT: 'json', NODE_OPTIONS: `--require ${PRELOAD}`, CRASH_KIND: kind },
    async (child) => {
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
    },
  ),
);
