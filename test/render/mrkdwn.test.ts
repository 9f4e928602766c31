import { inlineCode } from '../../src/render/mrkdwn';

test('inline code is bounded after escaping, and never cut inside an escape', () => {
  const code = inlineCode('&'.repeat(500), 100);
  expect(code.length).toBeLessThanOrEqual(102);
  expect(code).toMatch(/^`(&amp;)+…`$/);
  expect(inlineCode('short & <sweet>', 100)).toBe('`short &amp; &lt;sweet&gt;`');
});
