import type { WorkflowInput } from './run';

/** A new run's inputs: what a form starts from, and what was typed into it read back as typed values. */

/** The largest number a form takes: past it a JSON number loses digits on the way to Datadog. */
export const INPUT_NUMBER_LIMIT = Number.MAX_SAFE_INTEGER;

/** How each input type is typed into a form: text, a number, a checkbox, or JSON. */
export type InputField = 'text' | 'number' | 'checkbox' | 'json';

export function fieldOf(type: string): InputField {
  if (type === 'STRING') return 'text';
  if (type === 'NUMBER') return 'number';
  if (type === 'BOOLEAN') return 'checkbox';
  return 'json';
}

/** Each input's starting value: the repeated run's own where Datadog said it, else the declared default. */
export function startingValues(
  inputs: readonly WorkflowInput[],
  runInputs: Record<string, unknown> = {},
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const { name, defaultValue } of inputs) {
    const value = Object.hasOwn(runInputs, name) ? runInputs[name] : defaultValue;
    if (value !== undefined) values[name] = value;
  }
  return values;
}

/** One field as submitted: text (a text, number or JSON field; null when left empty) or a checkbox's state. */
export interface SubmittedInput {
  name: string;
  type: string;
  text?: string | null;
  checked?: boolean;
}

export type ParsedInputs =
  | { ok: true; payload: Record<string, unknown> }
  /** What is wrong with each field, by input name. */
  | { ok: false; errors: Record<string, string> };

/** Each array type's items: what one is called, and the check. */
const ELEMENT: Record<string, { one: string; many: string; is: (value: unknown) => boolean }> = {
  ARRAY_STRING: { one: 'a text in quotes', many: 'texts', is: (value) => typeof value === 'string' },
  ARRAY_NUMBER: { one: 'a number', many: 'numbers', is: (value) => typeof value === 'number' },
  ARRAY_BOOLEAN: { one: 'true or false', many: 'true or false', is: (value) => typeof value === 'boolean' },
  ARRAY_OBJECT: { one: 'a JSON object', many: 'JSON objects', is: (value) => isObject(value) },
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Checked = { value: unknown } | { error: string } | undefined;

function parseNumber(text: string): Checked {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) return { error: 'Enter a number.' };
  if (Math.abs(value) > INPUT_NUMBER_LIMIT)
    return { error: `Enter a number between -${INPUT_NUMBER_LIMIT} and ${INPUT_NUMBER_LIMIT}.` };
  return { value };
}

function parseJson(type: string, text: string): Checked {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: 'This is not valid JSON. Check quotes, commas and brackets.' };
  }
  if (type === 'OBJECT') return isObject(value) ? { value } : { error: 'Enter a JSON object, like {"key": "value"}.' };
  const element = ELEMENT[type];
  if (!element) return { value };
  if (!Array.isArray(value)) return { error: `Enter a JSON array of ${element.many}, in [ ].` };
  const wrong = value.findIndex((item) => !element.is(item));
  return wrong === -1 ? { value } : { error: `Item ${wrong + 1} is not ${element.one}: every item must be.` };
}

function parseOne({ type, text, checked }: SubmittedInput): Checked {
  const field = fieldOf(type);
  if (field === 'checkbox') return { value: checked === true };
  // A field left empty is left out, so Datadog applies the input's own default.
  if (text === undefined || text === null || text === '') return undefined;
  if (field === 'text') return { value: text };
  return field === 'number' ? parseNumber(text) : parseJson(type, text);
}

/** The payload for a new run, or a message for each field that does not hold its input's type. */
export function parseSubmittedInputs(submitted: readonly SubmittedInput[]): ParsedInputs {
  const payload: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const input of submitted) {
    const checked = parseOne(input);
    if (checked === undefined) continue;
    if ('error' in checked) errors[input.name] = checked.error;
    else payload[input.name] = checked.value;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, payload };
}
