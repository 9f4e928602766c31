import { z } from 'zod';
import type { RunList, RunStep, RunSummary, WorkflowInfo, WorkflowRun } from '../core/run';

/** A field that may be missing or of another type: it then reads as undefined instead of failing the body. */
const maybe = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

const text = maybe(z.string());
const record = z.record(z.string(), z.unknown());

const statusSchema = z.looseObject({ detailsKind: text, displayName: text });
const actingUserSchema = z.looseObject({ userName: text, userEmail: text });
const stepSchema = z.looseObject({ stepName: text, stepState: text });

const attributesSchema = z.looseObject({
  instanceStatus: maybe(statusSchema),
  startTimestamp: text,
  endTimestamp: text,
  stepStateAssociations: maybe(z.array(z.unknown())),
  source: maybe(record),
  sourceForTemplating: maybe(
    z.looseObject({ type: text, initiator: maybe(z.looseObject({ name: text, email: text })) }),
  ),
});

const resourceSchema = z.looseObject({
  id: text,
  type: text,
  attributes: record.catch({}).default({}),
});

const instanceBodySchema = z.looseObject({
  data: resourceSchema,
  included: maybe(z.array(z.unknown())),
});

const listBodySchema = z.looseObject({
  data: z.array(z.unknown()),
  meta: maybe(
    z.looseObject({
      page: maybe(z.looseObject({ totalCount: maybe(z.number()) })),
      failedCount: maybe(z.number()),
      succeededCount: maybe(z.number()),
      canceledCount: maybe(z.number()),
    }),
  ),
});

const workflowBodySchema = z.looseObject({ data: resourceSchema });

// Datadog names errorDetail for failed runs but documents neither its place nor its shape.
const ERROR_FIELDS = ['errorDetail', 'errorDetails', 'error', 'errors', 'errorMessage', 'failureReason'];
const MAX_ERROR_SOURCE = 100_000;

function errorText(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value) && value.length === 0) return undefined;
  if (typeof value === 'object' && Object.keys(value).length === 0) return undefined;
  const raw = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return raw.length > MAX_ERROR_SOURCE ? raw.slice(0, MAX_ERROR_SOURCE) : raw;
}

function findError(holder: unknown): string | undefined {
  if (typeof holder !== 'object' || holder === null) return undefined;
  const fields = holder as Record<string, unknown>;
  for (const field of ERROR_FIELDS) {
    const found = errorText(fields[field]);
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
  const [sourceType, sourceValue] = Object.entries(attributes.source ?? {})[0] ?? [];
  const actingUser = actingUserSchema.safeParse((sourceValue as Record<string, unknown> | undefined)?.actingUser);
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

function toSteps(raw: unknown[] | undefined): RunStep[] {
  return (raw ?? []).flatMap((item) => {
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
}

function toSummary(
  fallbackRef: { workflowId: string; instanceId: string },
  id: string | undefined,
  rawAttributes: Record<string, unknown>,
) {
  const attributes = attributesSchema.parse(rawAttributes);
  const summary: RunSummary = {
    workflowId: fallbackRef.workflowId,
    instanceId: id ?? fallbackRef.instanceId,
    statusKind: attributes.instanceStatus?.detailsKind ?? 'IN_PROGRESS',
    statusName: attributes.instanceStatus?.displayName ?? attributes.instanceStatus?.detailsKind ?? 'Running',
    startedAt: toDate(attributes.startTimestamp),
    endedAt: toDate(attributes.endTimestamp),
    startedBy: describeStarter(attributes),
  };
  return { summary, attributes };
}

function includedWorkflowName(included: unknown[] | undefined): string | undefined {
  for (const item of included ?? []) {
    const resource = resourceSchema.safeParse(item);
    if (resource.success && resource.data.type === 'workflows') {
      const name = resource.data.attributes.name;
      if (typeof name === 'string' && name.trim()) return name;
    }
  }
  return undefined;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

export function parseInstanceBody(body: unknown, ref: { workflowId: string; instanceId: string }): Parsed<WorkflowRun> {
  const parsed = instanceBodySchema.safeParse(body);
  if (!parsed.success) return fail('the run body has no data object');
  const { summary, attributes } = toSummary(ref, parsed.data.data.id, parsed.data.data.attributes);
  const error = findError(parsed.data.data.attributes) ?? findError(attributes.instanceStatus);
  return {
    ok: true,
    value: {
      ...summary,
      workflowName: includedWorkflowName(parsed.data.included),
      steps: toSteps(attributes.stepStateAssociations),
      ...(error ? { error } : {}),
    },
  };
}

export function parseListBody(body: unknown, workflowId: string): Parsed<RunList> {
  const parsed = listBodySchema.safeParse(body);
  if (!parsed.success) return fail('the run list has no data array');
  const runs = parsed.data.data.flatMap((item) => {
    const resource = resourceSchema.safeParse(item);
    if (!resource.success || !resource.data.id) return [];
    return [
      toSummary({ workflowId, instanceId: resource.data.id }, resource.data.id, resource.data.attributes).summary,
    ];
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
  const { name, published } = parsed.data.data.attributes;
  return {
    ok: true,
    value: {
      workflowId: parsed.data.data.id ?? workflowId,
      name: typeof name === 'string' && name.trim() ? name : undefined,
      published: typeof published === 'boolean' ? published : undefined,
    },
  };
}

/** GET /api/v1/validate: `{"valid": true}` when Datadog accepts the API key. */
export function parseValidateBody(body: unknown): Parsed<{ valid: boolean }> {
  const parsed = z.looseObject({ valid: z.boolean() }).safeParse(body);
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
  const errors = z.looseObject({ errors: z.array(z.unknown()) }).safeParse(body);
  const result: DatadogErrorBody = { codes: [], details: [] };
  if (!errors.success) return result;
  for (const entry of errors.data.errors) {
    if (typeof entry === 'string') result.details.push(entry);
    const fields = z.looseObject({ code: text, detail: text, title: text }).safeParse(entry);
    if (fields.success) {
      if (fields.data.code) result.codes.push(fields.data.code);
      const detail = fields.data.detail ?? fields.data.title;
      if (detail) result.details.push(detail);
    }
  }
  return result;
}
