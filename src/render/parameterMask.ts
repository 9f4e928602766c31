import type { JsonValue, StepParameter } from '../core/run';

/** What a secret-looking parameter value is shown as. */
export const HIDDEN_VALUE = '••• (hidden)';

/** "cred" rather than only "credential": `creds` is as common a name for the same thing. */
const SECRET_NAME = /token|secret|password|passwd|apikey|api_key|private|cred|auth/i;
/** Templated references such as `{{ Steps.X.output }}` name where a value comes from, never the value itself. */
const TEMPLATE = /\{\{[^}]*\}\}/g;
const BEARER = /\bbearer\s+[\w.~+/=-]{8,}/i;
const JWT = /\beyJ[\w-]{4,}\.[\w-]{4,}\./;
const BASE64_RUN = /[A-Za-z0-9+/=_-]{32,}/g;

function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** Random base64 mixes both cases and digits with few separators; paths, slugs, UUIDs and hex digests do not. */
function looksRandom(run: string): boolean {
  const separators = run.match(/[/_-]/g)?.length ?? 0;
  return /[A-Z]/.test(run) && /[a-z]/.test(run) && /\d/.test(run) && separators * 8 < run.length;
}

/** Whether a text holds a bearer token, a JWT or long base64; templated references do not count. */
function looksSecret(text: string): boolean {
  const bare = text.replace(TEMPLATE, ' ');
  return BEARER.test(bare) || JWT.test(bare) || [...bare.matchAll(BASE64_RUN)].some(([run]) => looksRandom(run));
}

function masked(name: string, value: JsonValue): JsonValue {
  if (isSecretName(name)) return HIDDEN_VALUE;
  if (typeof value === 'string') return looksSecret(value) ? HIDDEN_VALUE : value;
  if (Array.isArray(value)) return value.map((item) => masked('', item));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, masked(key, item)]));
}

/**
 * A step parameter's value as every surface shows it: hidden when its name or its value looks secret (inside
 * objects too, key by key), otherwise as written, texts as they are and anything else as JSON.
 */
export function shownParameterValue({ name, value }: StepParameter): string {
  const shown = masked(name, value);
  return typeof shown === 'string' ? shown : JSON.stringify(shown);
}
