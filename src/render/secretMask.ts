import { escapeMrkdwn } from './mrkdwn';

/** What a secret is shown as: no longer than the shortest value masked, so masking never pushes text past a limit. */
export const SECRET_MASK = '[secret]';
/** Shorter values would blank ordinary words; every real Slack, Datadog or Redis credential is far longer. */
const MIN_SECRET_LENGTH = SECRET_MASK.length;

/** A payload (a reply, a view, an unfurl card) with every string in it, however deep, holding no secret. */
export type SecretMask = <T>(payload: T) => T;

/** A secret as a reply can show it: as it is, escaped for mrkdwn, and with backticks swapped as inline code does. */
function shownForms(secret: string): string[] {
  return [secret, escapeMrkdwn(secret), escapeMrkdwn(secret.replace(/`/g, 'ˋ'))];
}

function maskStrings(value: unknown, maskText: (text: string) => string): unknown {
  if (typeof value === 'string') return maskText(value);
  if (Array.isArray(value)) return value.map((item) => maskStrings(item, maskText));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskStrings(item, maskText)]));
}

/** The mask for the configured secrets; values under MIN_SECRET_LENGTH (or unset) are left alone. */
export function secretMask(secrets: ReadonlyArray<string | undefined>): SecretMask {
  const kept = secrets.filter((secret): secret is string => (secret?.length ?? 0) >= MIN_SECRET_LENGTH);
  // Longest first, so a secret that contains another is masked whole.
  const forms = [...new Set(kept.flatMap(shownForms))].sort((a, b) => b.length - a.length);
  if (forms.length === 0) return (payload) => payload;
  const maskText = (text: string) =>
    forms.reduce((masked, form) => (masked.includes(form) ? masked.split(form).join(SECRET_MASK) : masked), text);
  return <T>(payload: T) => maskStrings(payload, maskText) as T;
}
