/** The words a person should read first in an error Datadog sent as JSON. */

/** Fields that carry a human sentence, best first. */
const MESSAGE_FIELDS = ['message', 'detail', 'title', 'errorMessage', 'reason', 'description'];
/** How deep into nested error objects (`{ error: { cause: { message } } }`) the message is looked for. */
const MAX_DEPTH = 4;

function messageIn(value: unknown, depth: number): string | undefined {
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = typeof item === 'string' && item.trim() ? item.trim() : messageIn(item, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  const fields = value as Record<string, unknown>;
  for (const field of MESSAGE_FIELDS) {
    const text = fields[field];
    if (typeof text === 'string' && text.trim()) return text.trim();
  }
  for (const nested of Object.values(fields)) {
    const found = messageIn(nested, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** The message, detail or title inside a JSON error; undefined for plain text, which is its own message. */
export function humanMessage(raw: string): string | undefined {
  const trimmed = raw.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    return messageIn(JSON.parse(trimmed), 0);
  } catch {
    return undefined;
  }
}
