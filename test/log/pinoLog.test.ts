import { createPinoLog, prettyLine, resolveLogFormat } from '../../src/log/pinoLog';
import { hasControlChar } from '../support/logs';

function capture(format: 'json' | 'pretty' | 'auto', secrets: string[] = [], isTty = false) {
  const lines: string[] = [];
  const log = createPinoLog({ level: 'info', format, secrets, isTty, write: (line) => lines.push(line) });
  return { log, lines };
}

const SECRET = 'xoxb-1234-5678-abcdefabcdef';

test('JSON format: one parseable line per call, with level name, ISO time, message and fields', () => {
  const { log, lines } = capture('json');
  log.info('lookup', { via: 'command', workflow: 'wf', outcome: 'found:SUCCEEDED', latency_ms: 12 });
  log.warn('slack auth.test failed, retrying', { reason: 'ECONNREFUSED', attempt: 2 });
  log.debug('below the level');
  expect(lines).toHaveLength(2);
  const [first, second] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(first).toMatchObject({ level: 'info', msg: 'lookup', via: 'command', outcome: 'found:SUCCEEDED' });
  expect(Number.isNaN(Date.parse(String(first?.time)))).toBe(false);
  expect(second).toMatchObject({ level: 'warn', attempt: 2 });
  for (const line of lines) expect(line.endsWith('\n')).toBe(true);
});

test('a secret given in config never reaches the output, whatever field or message carries it', () => {
  for (const format of ['json', 'pretty'] as const) {
    const { log, lines } = capture(format, [SECRET]);
    log.error(`bolt: failed with token ${SECRET}`, { detail: `Bearer ${SECRET}`, nested: { deep: [SECRET] } });
    log.info('credentials by name', {
      token: 'short',
      headers: { authorization: 'Bearer x' },
      client: { apiKey: 'k' },
    });
    const output = lines.join('');
    expect(output).not.toContain(SECRET);
    expect(output).not.toContain('Bearer x');
    expect(output).not.toMatch(/"apiKey":"k"|apiKey=k|token=short/);
    expect(output).toContain('[redacted]');
  }
});

test('pretty format: `time LEVEL msg key=value`, as on a terminal', () => {
  const { log, lines } = capture('pretty');
  log.info('dd-instance started', { mode: 'http', port: 3000, note: 'two words' });
  expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\S+Z INFO dd-instance started mode=http port=3000 note="two words"\n$/);
  expect(prettyLine('{"level":"warn","time":"t","service":"dd-instance","msg":"m","a":1}')).toBe('t WARN m a=1');
});

test('auto is JSON unless stdout is a terminal', () => {
  expect(resolveLogFormat('auto', false)).toBe('json');
  expect(resolveLogFormat('auto', true)).toBe('pretty');
  expect(resolveLogFormat('json', true)).toBe('json');
  expect(resolveLogFormat('pretty', false)).toBe('pretty');
  const { log, lines } = capture('auto', [], true);
  log.info('on a terminal');
  expect(lines[0]).toMatch(/ INFO on a terminal\n$/);
});

test('control characters from any field (ESC, NEL, newline) are escaped in both formats', () => {
  const hostile = 'U1\u001b[31mred\u0085next\nINFO forged line\u009b';
  for (const format of ['json', 'pretty'] as const) {
    const { log, lines } = capture(format);
    log.info(`bolt: ${hostile}`, { user: hostile });
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line.endsWith('\n')).toBe(true);
    expect(hasControlChar(line.slice(0, -1))).toBe(false);
    if (format === 'json') expect((JSON.parse(line) as { user: string }).user).toBe(hostile);
    else expect(line).toContain('\\u001b[31mred\\u0085next');
  }
});

test('an outcome line (IDs and tags only) is an info line like any other, its control characters escaped too', () => {
  for (const format of ['json', 'pretty'] as const) {
    const { log, lines } = capture(format, [SECRET]);
    log.outcome('lookup', { via: 'command', user: 'U1\u001b[2J\u2028', outcome: 'found:SUCCEEDED', latency_ms: 3 });
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(hasControlChar(line.slice(0, -1))).toBe(false);
    if (format === 'json')
      expect(JSON.parse(line)).toMatchObject({
        level: 'info',
        msg: 'lookup',
        outcome: 'found:SUCCEEDED',
        latency_ms: 3,
      });
    else expect(line).toMatch(/ INFO lookup via=command user=\S+ outcome=found:SUCCEEDED latency_ms=3\n$/);
  }
});
