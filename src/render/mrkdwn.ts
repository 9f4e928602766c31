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

/** Inline code that outside text cannot close early, of at most `max` characters inside once escaped. */
export function inlineCode(text: string, max = 200): string {
  return `\`${escapedLine(text.replace(/`/g, 'ˋ'), max) || ' '}\``;
}

const FENCE = 8; // two ``` fences and two newlines

function fenced(body: string): string {
  return `\`\`\`\n${body}\n\`\`\``;
}

/** Drops what a cut left dangling: part of an escape such as `&am`, or half a surrogate pair. */
function cleanCut(body: string): string {
  return body.replace(/&[a-z]{0,3}$/, '').replace(/[\uD800-\uDBFF]$/, '');
}

/**
 * Outside text as up to `maxBlocks` fenced code blocks of at most `maxEach` characters each, escaped,
 * with a visible mark in the last one when even they cannot hold it all (`cut`).
 * Escaping happens before measuring, so `&amp;` expansions cannot push a block past `maxEach`.
 */
export function codeBlocks(text: string, maxEach: number, maxBlocks: number): { blocks: string[]; cut: boolean } {
  let rest = escapeMrkdwn(text.replace(/```/g, 'ˋˋˋ'));
  const room = maxEach - FENCE;
  const bodies: string[] = [];
  while (rest.length > 0 && bodies.length < maxBlocks) {
    const body = rest.length <= room ? rest : cleanCut(rest.slice(0, room));
    bodies.push(body);
    rest = rest.slice(body.length);
  }
  const cut = rest.length > 0;
  if (cut) {
    const note = `\n… (cut: ${text.length.toLocaleString('en-US')} characters in all)`;
    bodies.push(`${cleanCut((bodies.pop() ?? '').slice(0, Math.max(0, room - note.length)))}${note}`);
  }
  return { blocks: (bodies.length > 0 ? bodies : ['']).map(fenced), cut };
}

/** One fenced code block of at most `max` characters in all, with a visible mark when cut. */
export function codeBlock(text: string, max: number): string {
  return codeBlocks(text, max, 1).blocks[0]!;
}

/** One line of outside text, escaped, of at most `max` characters once escaped (escapes count too). */
export function escapedLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const whole = escapeMrkdwn(line);
  if (whole.length <= max) return whole;
  let kept = '';
  for (const char of line) {
    const next = escapeMrkdwn(char);
    if (kept.length + next.length > max - 1) break;
    kept += next;
  }
  return `${kept}…`;
}

/** Plain text for plain_text objects and the notification fallback: one line, bounded. */
export function plainLine(text: string, max: number): string {
  return truncate(text.replace(/\s+/g, ' ').trim(), max);
}

/** A Slack channel ID as a link Slack shows by name to each reader; anything else is no link at all. */
export function channelLink(channelId: string | undefined): string | undefined {
  return channelId && /^[CGD][A-Z0-9]{2,20}$/.test(channelId) ? `<#${channelId}>` : undefined;
}
