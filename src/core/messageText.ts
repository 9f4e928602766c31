/** Text fields of a Slack message that can hold a pasted run: the message text, its blocks and attachments. */
const TEXT_KEYS = new Set([
  'text',
  'fallback',
  'pretext',
  'title',
  'title_link',
  'from_url',
  'original_url',
  'url',
  'value',
]);
/** How deep into blocks and attachments text is looked for, and how much of it is kept. */
export const MESSAGE_TEXT_LIMITS = { depth: 12, chars: 200_000 } as const;

function collect(value: unknown, depth: number, into: string[]): void {
  if (depth > MESSAGE_TEXT_LIMITS.depth || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) collect(item, depth + 1, into);
    return;
  }
  for (const [key, inner] of Object.entries(value)) {
    if (typeof inner === 'string' && TEXT_KEYS.has(key)) into.push(inner);
    else collect(inner, depth + 1, into);
  }
}

/** All of a message's text in one string, each piece once, bounded so a huge message cannot stall a lookup. */
export function messageText(message: unknown): string {
  if (message === null || typeof message !== 'object') return '';
  const { text, blocks, attachments } = message as { text?: unknown; blocks?: unknown; attachments?: unknown };
  const pieces: string[] = typeof text === 'string' ? [text] : [];
  collect(blocks, 0, pieces);
  collect(attachments, 0, pieces);
  return [...new Set(pieces)].join('\n').slice(0, MESSAGE_TEXT_LIMITS.chars);
}
