import { configure } from 'safe-stable-stringify';
import { z } from 'zod';
import {
  isUuid,
  type JsonValue,
  type RunList,
  type RunRef,
  type RunSummary,
  type SpecStep,
  type WorkflowInfo,
  type WorkflowInput,
  type WorkflowRun,
  type WorkflowSpec,
} from '../core/run';

/**
 * How many items of each array Datadog sends are read: more than any reply can show. Arrays are cut before any
 * item is checked, so a huge array in a body under the size cap costs no more than a short one.
 */
export const READ_LIMITS = {
  steps: 500,
  listedRuns: 100,
  included: 20,
  errors: 10,
  inputs: 100,
  specSteps: 2000,
  triggers: 20,
  startSteps: 20,
  edges: 20,
  parameters: 50,
} as const;

/** How much of a parameter's value is kept: far more than the modal shows, far less than a hostile body holds. */
const VALUE_LIMITS = { depth: 4, items: 20, text: 2000 } as const;

/** A field that may be missing or of another type: it then reads as undefined instead of failing the body. */
const maybe = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

const text = maybe(z.string());
/** Checked as an array without looking at its items: they are cut with firstItems, then checked one by one. */
const anArray = z.custom<unknown[]>((value) => Array.isArray(value));

// Plain z.object strips unknown keys without visiting them; z.looseObject and z.record would copy every key.
const statusSchema = z.object({ detailsKind: text, displayName: text });
const actingUserSchema = z.object({ userName: text, userEmail: text });
const stepSchema = z.object({ stepName: text, stepState: text });

const attributesSchema = z
  .object({
    instanceStatus: maybe(statusSchema),
    startTimestamp: text,
    endTimestamp: text,
    stepStateAssociations: z.unknown().optional(),
    source: z.unknown().optional(),
    sourceForTemplating: maybe(z.object({ type: text, initiator: maybe(z.object({ name: text, email: text })) })),
  })
  .catch({});

const resourceSchema = z.object({ id: text, type: text, attributes: z.unknown().optional() });
const namedSchema = z.object({ name: text, published: maybe(z.boolean()) }).catch({});

const specSchema = z.object({ steps: z.unknown().optional(), triggers: z.unknown().optional() });
const specVersionSchema = z.object({ spec: maybe(specSchema) }).catch({});
const specStepSchema = z.object({
  name: text,
  actionId: text,
  parameters: z.unknown().optional(),
  outboundEdges: z.unknown().optional(),
});
const parameterSchema = z.object({ name: text, value: z.unknown().optional() });
const edgeSchema = z.object({ nextStepName: text });
const triggerSchema = z.object({ startStepNames: z.unknown().optional() });

const instanceBodySchema = z.object({ data: resourceSchema, included: z.unknown().optional() });

const listBodySchema = z.object({
  data: anArray,
  meta: maybe(
    z.object({
      page: maybe(z.object({ totalCount: maybe(z.number()) })),
      failedCount: maybe(z.number()),
      succeededCount: maybe(z.number()),
      canceledCount: maybe(z.number()),
    }),
  ),
});

const workflowBodySchema = z.object({ data: resourceSchema });
const inputSchemaSchema = z
  .object({ spec: maybe(z.object({ inputSchema: maybe(z.object({ parameters: maybe(anArray) })) })) })
  .catch({});
const inputSchema = z.object({
  name: z.string().min(1),
  type: z.string().min(1),
  label: text,
  description: text,
  defaultValue: z.unknown().optional(),
});
const errorBodySchema = z.object({ errors: anArray });
const errorEntrySchema = z.object({ code: text, detail: text, title: text });

/** An array's first `max` items, taken before any of them is looked at; anything but an array has none. */
function firstItems(value: unknown, max: number): unknown[] {
  return Array.isArray(value) ? value.slice(0, max) : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first key and value of an object, without listing all its keys. */
function firstEntry(value: unknown): [string, unknown] | undefined {
  if (!isRecord(value)) return undefined;
  for (const key in value) return [key, value[key]];
  return undefined;
}

function isEmpty(value: object): boolean {
  return Array.isArray(value) ? value.length === 0 : firstEntry(value) === undefined;
}

// Datadog names errorDetail for failed runs but documents neither its place nor its shape.
const ERROR_FIELDS = ['errorDetail', 'errorDetails', 'error', 'errors', 'errorMessage', 'failureReason'];
const MAX_ERROR_SOURCE = 100_000;
/** Depth and breadth bounds: a deeply nested or very wide error object is summarised, never walked to its end. */
const errorJson = configure({ deterministic: false, maximumDepth: 12, maximumBreadth: 200 });

function errorText(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'object' && isEmpty(value)) return undefined;
  const raw = typeof value === 'string' ? value : (errorJson(value, null, 2) ?? String(value));
  return raw.length > MAX_ERROR_SOURCE ? raw.slice(0, MAX_ERROR_SOURCE) : raw;
}

function findError(holder: unknown): string | undefined {
  if (!isRecord(holder)) return undefined;
  for (const field of ERROR_FIELDS) {
    const found = errorText(holder[field]);
    if (found) return found;
  }
  return undefined;
}

function toDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function describeStarter(attributes: z.infer<typeof attributesSchema>): string | undefined {
  const [sourceType, sourceValue] = firstEntry(attributes.source) ?? [];
  const actingUser = actingUserSchema.safeParse(isRecord(sourceValue) ? sourceValue.actingUser : undefined);
  const initiator = attributes.sourceForTemplating?.initiator;
  const who =
    (actingUser.success ? (actingUser.data.userName ?? actingUser.data.userEmail) : undefined) ??
    initiator?.name ??
    initiator?.email;
  const how = sourceType ?? attributes.sourceForTemplating?.type;
  if (who && how) return `${who} (${how})`;
  if (who) return who;
  return how ? `${how} trigger` : undefined;
}

function toSteps(raw: unknown): Pick<WorkflowRun, 'steps' | 'stepsNotRead'> {
  const items = firstItems(raw, READ_LIMITS.steps);
  const steps = items.flatMap((item) => {
    const step = stepSchema.safeParse(item);
    if (!step.success) return [];
    const error = findError(item);
    return [
      {
        name: step.data.stepName ?? '(unnamed step)',
        state: step.data.stepState ?? 'UNKNOWN',
        ...(error ? { error } : {}),
      },
    ];
  });
  const notRead = Array.isArray(raw) ? raw.length - items.length : 0;
  return notRead > 0 ? { steps, stepsNotRead: notRead } : { steps };
}

/** A run's summary under the IDs the bot asked for, never under IDs taken from the body. */
function toSummary(ref: RunRef, rawAttributes: unknown) {
  const attributes = attributesSchema.parse(rawAttributes);
  const summary: RunSummary = {
    workflowId: ref.workflowId,
    instanceId: ref.instanceId,
    statusKind: attributes.instanceStatus?.detailsKind ?? 'IN_PROGRESS',
    statusName: attributes.instanceStatus?.displayName ?? attributes.instanceStatus?.detailsKind ?? 'Running',
    startedAt: toDate(attributes.startTimestamp),
    endedAt: toDate(attributes.endTimestamp),
    startedBy: describeStarter(attributes),
  };
  return { summary, attributes };
}

function includedWorkflowName(included: unknown): string | undefined {
  for (const item of firstItems(included, READ_LIMITS.included)) {
    const resource = resourceSchema.safeParse(item);
    if (resource.success && resource.data.type === 'workflows') {
      const { name } = namedSchema.parse(resource.data.attributes);
      if (name?.trim()) return name;
    }
  }
  return undefined;
}

/** The names among an array's first `max` items; anything else is left out. */
function names(raw: unknown, max: number, read: (item: unknown) => string | undefined): string[] {
  return firstItems(raw, max).flatMap((item) => {
    const name = read(item);
    return name ? [name] : [];
  });
}

/** A JSON value cut to VALUE_LIMITS: long texts shortened, deep or wide containers trimmed. */
function boundedJson(value: unknown, depth = 0): JsonValue {
  if (typeof value === 'string')
    return value.length > VALUE_LIMITS.text ? `${value.slice(0, VALUE_LIMITS.text)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  if (depth >= VALUE_LIMITS.depth) return '…';
  if (Array.isArray(value)) return firstItems(value, VALUE_LIMITS.items).map((item) => boundedJson(item, depth + 1));
  if (!isRecord(value)) return null;
  const kept: Record<string, JsonValue> = {};
  let count = 0;
  for (const key in value) {
    if (count++ >= VALUE_LIMITS.items) break;
    kept[key] = boundedJson(value[key], depth + 1);
  }
  return kept;
}

function toSpecStep(item: unknown): SpecStep[] {
  const step = specStepSchema.safeParse(item);
  if (!step.success || !step.data.name) return [];
  const parameters = firstItems(step.data.parameters, READ_LIMITS.parameters).flatMap((raw) => {
    const parameter = parameterSchema.safeParse(raw);
    return parameter.success && parameter.data.name
      ? [{ name: parameter.data.name, value: boundedJson(parameter.data.value ?? null) }]
      : [];
  });
  const next = names(step.data.outboundEdges, READ_LIMITS.edges, (edge) => {
    const parsed = edgeSchema.safeParse(edge);
    return parsed.success ? parsed.data.nextStepName : undefined;
  });
  return [{ name: step.data.name, ...(step.data.actionId ? { actionId: step.data.actionId } : {}), parameters, next }];
}

/** The workflow's spec from the `spec_versions` entry in `included`; undefined when it names no step. */
function includedSpec(included: unknown): WorkflowSpec | undefined {
  for (const item of firstItems(included, READ_LIMITS.included)) {
    const resource = resourceSchema.safeParse(item);
    if (!resource.success || resource.data.type !== 'spec_versions') continue;
    const { spec } = specVersionSchema.parse(resource.data.attributes);
    const steps = firstItems(spec?.steps, READ_LIMITS.specSteps).flatMap(toSpecStep);
    if (steps.length === 0) return undefined;
    const startStepNames = firstItems(spec?.triggers, READ_LIMITS.triggers).flatMap((trigger) => {
      const parsed = triggerSchema.safeParse(trigger);
      return parsed.success
        ? names(parsed.data.startStepNames, READ_LIMITS.startSteps, (name) =>
            typeof name === 'string' ? name : undefined,
          )
        : [];
    });
    return { startStepNames, steps };
  }
  return undefined;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

/** Whether a body's `data.id` names the thing asked for: IDs from a body never reach replies, buttons or links. */
function idProblem(id: string | undefined, asked: string, what: 'run' | 'workflow'): string | undefined {
  if (id === undefined) return `the ${what} body does not say which ${what} it is`;
  return id.toLowerCase() === asked.toLowerCase()
    ? undefined
    : `Datadog answered about another ${what} than the one asked for`;
}

export function parseInstanceBody(body: unknown, ref: RunRef): Parsed<WorkflowRun> {
  const parsed = instanceBodySchema.safeParse(body);
  if (!parsed.success) return fail('the run body has no data object');
  const wrongId = idProblem(parsed.data.data.id, ref.instanceId, 'run');
  if (wrongId) return fail(wrongId);
  const rawAttributes = parsed.data.data.attributes;
  const { summary, attributes } = toSummary(ref, rawAttributes);
  const error =
    findError(rawAttributes) ?? findError(isRecord(rawAttributes) ? rawAttributes.instanceStatus : undefined);
  const spec = includedSpec(parsed.data.included);
  return {
    ok: true,
    value: {
      ...summary,
      workflowName: includedWorkflowName(parsed.data.included),
      ...(spec ? { spec } : {}),
      ...toSteps(attributes.stepStateAssociations),
      ...(error ? { error } : {}),
      ...runInputs(rawAttributes),
    },
  };
}

/** The inputs a run was started with, when Datadog includes them (`attributes.inputs`, an object). */
function runInputs(attributes: unknown): Pick<WorkflowRun, 'inputs'> {
  const inputs = isRecord(attributes) ? attributes.inputs : undefined;
  return isRecord(inputs) ? { inputs } : {};
}

/** Runs whose ID is not a UUID are left out: such an ID could not be looked up, linked or put in a button. */
export function parseListBody(body: unknown, workflowId: string): Parsed<RunList> {
  const parsed = listBodySchema.safeParse(body);
  if (!parsed.success) return fail('the run list has no data array');
  const runs = firstItems(parsed.data.data, READ_LIMITS.listedRuns).flatMap((item) => {
    const resource = resourceSchema.safeParse(item);
    if (!resource.success || resource.data.id === undefined || !isUuid(resource.data.id)) return [];
    return [toSummary({ workflowId, instanceId: resource.data.id }, resource.data.attributes).summary];
  });
  const meta = parsed.data.meta;
  return {
    ok: true,
    value: {
      workflowId,
      runs,
      totalCount: meta?.page?.totalCount,
      failedCount: meta?.failedCount,
      succeededCount: meta?.succeededCount,
      canceledCount: meta?.canceledCount,
    },
  };
}

export function parseWorkflowBody(body: unknown, workflowId: string): Parsed<WorkflowInfo> {
  const parsed = workflowBodySchema.safeParse(body);
  if (!parsed.success) return fail('the workflow body has no data object');
  const wrongId = idProblem(parsed.data.data.id, workflowId, 'workflow');
  if (wrongId) return fail(wrongId);
  const { name, published } = namedSchema.parse(parsed.data.data.attributes);
  const inputs = workflowInputs(parsed.data.data.attributes);
  return {
    ok: true,
    value: { workflowId, name: name?.trim() ? name : undefined, published, ...(inputs ? { inputs } : {}) },
  };
}

/** `spec.inputSchema.parameters[]`; an input without a name or a type is left out, as it could not be given. */
function workflowInputs(attributes: unknown): WorkflowInput[] | undefined {
  const parameters = inputSchemaSchema.parse(attributes).spec?.inputSchema?.parameters;
  if (parameters === undefined) return undefined;
  return firstItems(parameters, READ_LIMITS.inputs).flatMap((item) => {
    const input = inputSchema.safeParse(item);
    if (!input.success) return [];
    const { name, type, label, description, defaultValue } = input.data;
    return [
      {
        name,
        type,
        ...(label ? { label } : {}),
        ...(description ? { description } : {}),
        ...(defaultValue !== undefined ? { defaultValue } : {}),
      },
    ];
  });
}

/** POST …/instances: `data.id` is the new run's ID. */
export function parseExecuteBody(body: unknown, workflowId: string): Parsed<RunRef> {
  const parsed = z.object({ data: resourceSchema }).safeParse(body);
  const id = parsed.success ? parsed.data.data.id : undefined;
  if (id === undefined || !isUuid(id)) return fail('the answer does not name the new run');
  return { ok: true, value: { workflowId, instanceId: id } };
}

/** GET /api/v1/validate: `{"valid": true}` when Datadog accepts the API key. */
export function parseValidateBody(body: unknown): Parsed<{ valid: boolean }> {
  const parsed = z.object({ valid: z.boolean() }).safeParse(body);
  return parsed.success
    ? { ok: true, value: { valid: parsed.data.valid } }
    : fail('the key check answer has no "valid" field');
}

export interface DatadogErrorBody {
  codes: string[];
  details: string[];
}

/** Datadog's error bodies hold strings or objects; anything else (HTML, junk) yields nothing. */
export function parseErrorBody(body: unknown): DatadogErrorBody {
  const errors = errorBodySchema.safeParse(body);
  const result: DatadogErrorBody = { codes: [], details: [] };
  if (!errors.success) return result;
  for (const entry of firstItems(errors.data.errors, READ_LIMITS.errors)) {
    if (typeof entry === 'string') result.details.push(entry);
    const fields = errorEntrySchema.safeParse(entry);
    if (fields.success) {
      if (fields.data.code) result.codes.push(fields.data.code);
      const detail = fields.data.detail ?? fields.data.title;
      if (detail) result.details.push(detail);
    }
  }
  return result;
}
