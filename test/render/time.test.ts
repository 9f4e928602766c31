import { countOf, formatDuration, slackDate } from '../../src/render/time';

test('a Slack date: the Unix second, the format, and a UTC fallback without milliseconds', () => {
  expect(slackDate(new Date('2026-11-28T03:10:00.999Z'))).toBe(
    '<!date^1795835400^{date_short_pretty} {time_secs}|2026-11-28 03:10:00 UTC>',
  );
});

test.each([
  [-5, '0 ms'],
  [0, '0 ms'],
  [849.6, '850 ms'],
  [999, '999 ms'],
  [1000, '1s'],
  [59_999, '59s'],
  [60_000, '1m'],
  [96_000, '1m 36s'],
  [3_600_000, '1h'],
  [3_723_000, '1h 2m'],
  [3_605_000, '1h'],
  [86_400_000, '1d'],
  [90_061_000, '1d 1h'],
  [86_460_000, '1d'],
])('%d ms reads as %s', (ms, text) => {
  expect(formatDuration(ms)).toBe(text);
});

test.each([
  [0, '0 seconds'],
  [1, '1 second'],
  [2, '2 seconds'],
])('%d with its unit reads as %s', (count, text) => {
  expect(countOf(count, 'second')).toBe(text);
});
