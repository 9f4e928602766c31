import type { webApi } from '@slack/bolt';
import type { SecretMask } from '../render/secretMask';

/** A field that holds JSON (blocks, view, unfurls) is masked as the object it is, so JSON escaping hides no secret. */
function maskedField(value: string, mask: SecretMask): string {
  if (/^[[{]/.test(value)) {
    try {
      const parsed: unknown = JSON.parse(value);
      const masked = JSON.stringify(mask(parsed));
      // Untouched unless a secret was there: text that merely looks like JSON keeps its own spacing.
      return masked === JSON.stringify(parsed) ? value : masked;
    } catch {
      // Not JSON after all: masked as text below.
    }
  }
  return mask(value);
}

/**
 * The Web API client's fetch, with every form field but the token masked: every chat.postMessage, chat.update,
 * chat.unfurl and views.* call the bot makes, from any listener or the notifier, passes here.
 */
export function maskedFetch(mask: SecretMask, fetch: webApi.FetchFunction = globalThis.fetch): webApi.FetchFunction {
  return (url, init) => {
    if (typeof init?.body !== 'string') return fetch(url, init);
    const fields = [...new URLSearchParams(init.body)];
    const masked = fields.map(([name, value]): [string, string] => [
      name,
      name === 'token' ? value : maskedField(value, mask),
    ]);
    const changed = masked.some(([, value], index) => value !== fields[index]?.[1]);
    return fetch(url, changed ? { ...init, body: new URLSearchParams(masked).toString() } : init);
  };
}
