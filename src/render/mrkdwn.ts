/** The one place where outside text (Datadog data, user input) is made safe for Slack. */

/** Slack's own escaping: with it, `<!channel>`, `<@U…>` and `<url|label>` show as text and never ping or link. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts to at most `max` characters (counting the ellipsis), on a code point boundary. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(0, max - 1));
  // Do not leave half of a surrogate pair at the end.
  const safe = /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
  return `${safe}…`;
}

/** Inline code that outside text cannot close early. */
export function inlineCode(text: string, max = 200): string {
  const escaped = escapeMrkdwn(text.replace(/[\r\n]+/g, ' ').replace(/`/g, 'ˋ'));
  // Measured after escaping, so `&amp;` expansions cannot push it past `max`; never cut inside an escape.
  const clean = escaped.length <= max ? escaped : `${truncate(escaped, max).slice(0, -1).replace(/&[a-z]{0,3}$/, '')}…`;
  return `\`${clean || ' '}\``;
}

/**
 * A fenced code block of at most `max` characters in all, escaped, with a visible mark when cut.
 * Escaping happens before measuring, so `&amp;` expansions cannot push it past `max`.
 */
export function codeBlock(text: string, max: number): string {
  const escaped = escapeMrkdwn(text.replace(/```/g, 'ˋˋˋ'));
  const fence = 8; // two ``` fences and two newlines
  if (escaped.length + fence <= max) return `\`\`\`\n${escaped}\n\`\`\``;
  const note = `\n… (cut: ${text.length.toLocaleString('en-US')} characters in all)`;
  let body = escaped.slice(0, Math.max(0, max - fence - note.length));
  // Do not end inside an escape such as `&am`, nor on half a surrogate pair.
  body = body.replace(/&[a-z]{0,3}$/, '').replace(/[\uD800-\uDBFF]$/, '');
  return `\`\`\`\n${body}${note}\n\`\`\``;
}

/** Plain text for plain_text objects and the notification fallback: one line, bounded. */
export function plainLine(text: string, max: number): string {
  return truncate(text.replace(/\s+/g, ' ').trim(), max);
}
