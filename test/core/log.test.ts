import { createLog, formatLogLine } from '../../src/core/log';

test('a line is time, level in capitals, message, then key=value pairs, quoting only values with spaces', () => {
  expect(
    formatLogLine('T', 'warn', 'lookup failed', { user: 'U1', reason: 'not found', ms: 12, gone: undefined }),
  ).toBe('T WARN lookup failed user=U1 reason="not found" ms=12');
  expect(formatLogLine('T', 'info', 'started')).toBe('T INFO started');
});

test('the log writes its level and above, and nothing below', () => {
  const lines: string[] = [];
  const log = createLog('warn', (line) => lines.push(line));
  log.debug('d');
  log.info('i');
  log.warn('w', { n: 1 });
  log.error('e');
  expect(lines.map((line) => line.split(' ').slice(1).join(' '))).toEqual(['WARN w n=1', 'ERROR e']);
  expect(Number.isNaN(Date.parse(lines[0]!.split(' ')[0]!))).toBe(false);
});
