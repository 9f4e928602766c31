import { escapeControlChars } from '../../src/log/controlChars';

test('every character that can fake a line or move a terminal becomes an inert \\uXXXX escape', () => {
  expect(escapeControlChars('a\u2028b')).toBe('a\\u2028b');
  expect(escapeControlChars('U1\n\r\t\u001b[2J\u007f\u0085\u2029')).toBe(
    'U1\\u000a\\u000d\\u0009\\u001b[2J\\u007f\\u0085\\u2029',
  );
});

test('printable text, accents and emoji pass unchanged', () => {
  expect(escapeControlChars('Café ✅ "quoted" \\ back')).toBe('Café ✅ "quoted" \\ back');
});
