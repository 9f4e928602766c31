import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import bundledSample from './sample-runs.json';

/** A Datadog stand-in on 127.0.0.1: the demo serves sample runs with it, and the tests script faults on it. */

export interface SampleWorkflow {
  id: string;
  name: string;
  /** When this workflow's runs were recorded, if not at the data's `recordedAt`. */
  recordedAt?: string;
  /** The declared inputs, served as `spec.inputSchema.parameters` by get workflow. */
  inputs?: Array<Record<string, unknown>>;
  /** The runs the demo looks up, when not every one (a workflow whose many runs are there for its history). */
  shownInDemo?: string[];
  instances: SampleInstance[];
}

type SampleInstance = {
  id: string;
  type?: string;
  attributes?: Record<string, unknown>;
  /** More of the instance body's `included` (e.g. the `spec_versions` the run followed). */
  included?: unknown[];
  [key: string]: unknown;
};

export interface SampleData {
  /** The moment the sample times were written; `timesRelativeTo` moves it, and every time with it. */
  recordedAt?: string;
  workflows: SampleWorkflow[];
  /** Runs Datadog does not know, named so the demo can show the not-found reply. */
  missingRuns?: Array<{ why: string; workflowId: string; instanceId: string }>;
}

/** A scripted answer: a JSON body, raw text (HTML, junk) or bytes, a hang, a dropped connection, or a body fault. */
export interface ScriptedReply {
  status?: number;
  body?: unknown;
  raw?: string;
  /** Sent as they are: invalid UTF-8, gzip. */
  bytes?: Buffer;
  contentType?: string;
  headers?: Record<string, string>;
  delayMs?: number;
  hang?: boolean;
  dropConnection?: boolean;
  /** Sends this many bytes of the body (announced in full by Content-Length), then resets the connection. */
  cutAfterBytes?: number;
  /** Sends the body one byte at a time, one every this many milliseconds. */
  dripEveryMs?: number;
  /** Streams the body in chunks without a Content-Length, so its size is known only as it arrives. */
  chunked?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The body of a write (PUT, POST), as sent. */
  body?: string;
  /** When it arrived (epoch ms). */
  at: number;
}

export interface SampleDatadogOptions {
  data?: SampleData;
  /** When set, only these keys are accepted; others get Datadog's 403 (GET /api/v1/validate checks the API key alone). */
  keys?: { apiKey: string; appKey: string };
  /** Shifts every sample time by the same amount so `recordedAt` becomes this moment: "running for" then reads sensibly. */
  timesRelativeTo?: Date;
  /** Added to every answer, like a real Datadog's own latency (benchmarks). */
  latencyMs?: number;
  /** The loopback port to listen on; a free one when absent. */
  port?: number;
}

export interface SampleDatadog {
  url: string;
  /** The workflows and runs it serves (times moved as asked), so `dd-instance --demo` can list them. */
  data: SampleData;
  requests: RecordedRequest[];
  /** Answers requests to this exact path (query ignored) with these replies in turn; the last one repeats. */
  script(path: string, ...replies: ScriptedReply[]): void;
  /** What this server answers for one of its sample runs, with some attributes changed: a script step for a run that moves on. */
  runReply(workflowId: string, instanceId: string, attributes: Record<string, unknown>): ScriptedReply;
  reset(): void;
  close(): Promise<void>;
}

export const SAMPLE_DATA: SampleData = bundledSample;

/** The sample runs the demo looks up: the workflow's own choice, else all of them. */
export function demoRuns(workflow: SampleWorkflow): string[] {
  return workflow.shownInDemo ?? workflow.instances.map((instance) => instance.id);
}

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const INSTANCE_PATH = /^\/api\/v2\/workflows\/([^/]+)\/instances\/([^/]+)$/;
const CANCEL_PATH = /^\/api\/v2\/workflows\/([^/]+)\/instances\/([^/]+)\/cancel$/;
const LIST_PATH = /^\/api\/v2\/workflows\/([^/]+)\/instances$/;
const WORKFLOW_PATH = /^\/api\/v2\/workflows\/([^/]+)$/;
const IS_UUID = new RegExp(`^${UUID}$`);
const VALIDATE_PATH = '/api/v1/validate';
const TIME_FIELDS = ['startTimestamp', 'endTimestamp'];
const FORBIDDEN: ScriptedReply = { status: 403, body: { errors: ['Forbidden'] } };

const notFound = (code: string, detail: string): ScriptedReply => ({
  status: 404,
  body: { errors: [{ code, detail }] },
});
const invalidField = (field: string): ScriptedReply => ({
  status: 400,
  body: { errors: [{ code: 'INVALID_FIELD_VALUE', detail: `value <no value> is invalid for field ${field}` }] },
});

function startOf(instance: SampleInstance): number {
  const start = instance.attributes?.startTimestamp;
  return typeof start === 'string' ? Date.parse(start) || 0 : 0;
}

function summaryOf(instance: SampleInstance) {
  const { instanceStatus, startTimestamp, endTimestamp, source } = instance.attributes ?? {};
  return { id: instance.id, type: 'instances', attributes: { instanceStatus, startTimestamp, endTimestamp, source } };
}

function countKind(workflow: SampleWorkflow, kinds: string[]): number {
  return workflow.instances.filter((instance) => {
    const status = instance.attributes?.instanceStatus as { detailsKind?: string } | undefined;
    return kinds.includes(status?.detailsKind ?? '');
  }).length;
}

/** What real Datadog would answer for this path, from the sample data. */
function answerFromData(data: SampleData, path: string, query: URLSearchParams): ScriptedReply {
  const findWorkflow = (id: string) => data.workflows.find((w) => w.id.toLowerCase() === id.toLowerCase());
  const instanceMatch = INSTANCE_PATH.exec(path);
  if (instanceMatch) {
    const [, workflowId = '', instanceId = ''] = instanceMatch.map(decodeURIComponent);
    if (!IS_UUID.test(workflowId)) return invalidField('workflow_id');
    if (!IS_UUID.test(instanceId)) return invalidField('instance_id');
    const workflow = findWorkflow(workflowId);
    if (!workflow) return notFound('WORKFLOW_NOT_FOUND', 'workflow not found');
    const instance = workflow.instances.find((i) => i.id.toLowerCase() === instanceId.toLowerCase());
    if (!instance) return notFound('INSTANCE_NOT_FOUND', `instance ${instanceId} not found`);
    const { included = [], ...data } = instance;
    return {
      body: {
        data,
        included: [...included, { id: workflow.id, type: 'workflows', attributes: { name: workflow.name } }],
        meta: { outputsTooBig: false, sourceTooBig: false, triggerTooBig: false },
      },
    };
  }
  const listMatch = LIST_PATH.exec(path);
  if (listMatch) {
    const workflowId = decodeURIComponent(listMatch[1] ?? '');
    if (!IS_UUID.test(workflowId)) return invalidField('workflow_id');
    const workflow = findWorkflow(workflowId);
    if (!workflow) return notFound('WORKFLOW_NOT_FOUND', 'workflow not found');
    const size = Math.min(Number(query.get('page[size]') ?? 10) || 10, 100);
    const page = Number(query.get('page[number]') ?? 0) || 0;
    const newestFirst = [...workflow.instances].sort((a, b) => startOf(b) - startOf(a));
    return {
      body: {
        data: newestFirst.slice(page * size, page * size + size).map(summaryOf),
        meta: {
          page: { totalCount: workflow.instances.length, totalFilteredCount: workflow.instances.length },
          failedCount: countKind(workflow, ['STEP_ERROR', 'INSTANCE_ERROR']),
          succeededCount: countKind(workflow, ['SUCCEEDED']),
          canceledCount: countKind(workflow, ['CANCELED']),
        },
      },
    };
  }
  const workflowMatch = WORKFLOW_PATH.exec(path);
  if (workflowMatch) {
    const workflowId = decodeURIComponent(workflowMatch[1] ?? '');
    if (!IS_UUID.test(workflowId)) {
      return {
        status: 400,
        body: {
          errors: [
            {
              status: '400',
              title: 'Invalid Parameter',
              detail: 'invalid parameter "workflowId" in "path"; expected type "uuid"',
            },
          ],
        },
      };
    }
    const workflow = findWorkflow(workflowId);
    if (!workflow) return notFound('WORKFLOW_NOT_FOUND', 'workflow not found');
    const spec = workflow.inputs ? { spec: { inputSchema: { parameters: workflow.inputs } } } : {};
    return {
      body: {
        data: { id: workflow.id, type: 'workflows', attributes: { name: workflow.name, published: true, ...spec } },
      },
    };
  }
  return { status: 404, body: { errors: ['Not found'] } };
}

const ENDED = new Set(['SUCCEEDED', 'STEP_ERROR', 'INSTANCE_ERROR', 'CANCELED']);

/** The workflow and the run a write names, or Datadog's answer when there is none. */
function findTarget(
  data: SampleData,
  workflowId: string,
  instanceId?: string,
): { workflow: SampleWorkflow; instance?: SampleInstance } | ScriptedReply {
  if (!IS_UUID.test(workflowId)) return invalidField('workflow_id');
  if (instanceId !== undefined && !IS_UUID.test(instanceId)) return invalidField('instance_id');
  const workflow = data.workflows.find((w) => w.id.toLowerCase() === workflowId.toLowerCase());
  if (!workflow) return notFound('WORKFLOW_NOT_FOUND', 'workflow not found');
  const instance = workflow.instances.find((i) => i.id.toLowerCase() === instanceId?.toLowerCase());
  return { workflow, instance };
}

/** PUT …/cancel: a running run becomes Canceled at once; an ended or unknown one is Datadog's 404. */
function answerCancel(data: SampleData, workflowId: string, instanceId: string, now: Date): ScriptedReply {
  const target = findTarget(data, workflowId, instanceId);
  if (!('workflow' in target)) return target;
  const { instance } = target;
  const status = instance?.attributes?.instanceStatus as { detailsKind?: string } | undefined;
  if (!instance || ENDED.has(status?.detailsKind ?? '') || instance.attributes?.endTimestamp !== undefined)
    return notFound('INSTANCE_NOT_FOUND', `instance ${instanceId} not found`);
  instance.attributes = {
    ...instance.attributes,
    instanceStatus: { detailsKind: 'CANCELED', displayName: 'Canceled' },
    endTimestamp: now.toISOString(),
  };
  return { body: {} };
}

/** POST …/instances: a new running run with the payload as its inputs, readable at once. */
function answerExecute(data: SampleData, workflowId: string, body: string, now: Date): ScriptedReply {
  const target = findTarget(data, workflowId);
  if (!('workflow' in target)) return target;
  let payload: unknown;
  try {
    payload = (JSON.parse(body) as { meta?: { payload?: unknown } }).meta?.payload;
  } catch {
    payload = undefined;
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return invalidField('meta.payload');
  const id = randomUUID();
  target.workflow.instances.push({
    id,
    type: 'instances',
    attributes: {
      instanceStatus: { detailsKind: 'IN_PROGRESS', displayName: 'Running' },
      startTimestamp: now.toISOString(),
      source: { api: { actingUser: { userName: 'dd-instance' } } },
      inputs: payload,
      stepStateAssociations: [],
    },
  });
  return { body: { data: { id, type: 'instances', attributes: {} }, meta: { workflowId: target.workflow.id } } };
}

/** A write Datadog would answer from the sample data (which it changes), or undefined for any other path or method. */
function answerWrite(data: SampleData, method: string, path: string, body: string): ScriptedReply | undefined {
  const cancel = method === 'PUT' ? CANCEL_PATH.exec(path) : null;
  if (cancel) {
    const [, workflowId = '', instanceId = ''] = cancel.map(decodeURIComponent);
    return answerCancel(data, workflowId, instanceId, new Date());
  }
  const execute = method === 'POST' ? LIST_PATH.exec(path) : null;
  if (execute) return answerExecute(data, decodeURIComponent(execute[1] ?? ''), body, new Date());
  return undefined;
}

/**
 * The sample data with every run's times moved by `now - recordedAt` (the workflow's own recording moment when it
 * has one), so each recording reads as just made; the data without `recordedAt` is left as is.
 */
export function shiftSampleTimes(data: SampleData, now: Date): SampleData {
  const recordedAt = Date.parse(data.recordedAt ?? '');
  if (Number.isNaN(recordedAt)) return data;
  const shiftOf = (workflow: SampleWorkflow) => now.getTime() - (Date.parse(workflow.recordedAt ?? '') || recordedAt);
  const shift = (shiftMs: number) => (instance: SampleInstance) => {
    const attributes = { ...instance.attributes };
    for (const field of TIME_FIELDS) {
      const time = typeof attributes[field] === 'string' ? Date.parse(attributes[field]) : NaN;
      if (!Number.isNaN(time)) attributes[field] = new Date(time + shiftMs).toISOString();
    }
    return { ...instance, attributes };
  };
  return {
    ...data,
    recordedAt: now.toISOString(),
    workflows: data.workflows.map((w) => ({ ...w, instances: w.instances.map(shift(shiftOf(w))) })),
  };
}

function apiKeyRejected(request: IncomingMessage, keys: SampleDatadogOptions['keys']): boolean {
  const apiKey = request.headers['dd-api-key'];
  return !apiKey || (keys !== undefined && apiKey !== keys.apiKey);
}

function keysRejected(request: IncomingMessage, keys: SampleDatadogOptions['keys']): boolean {
  const appKey = request.headers['dd-application-key'];
  return apiKeyRejected(request, keys) || !appKey || (keys !== undefined && appKey !== keys.appKey);
}

/** Datadog's own check of the API key alone: 200 `{"valid":true}`, else 403. */
function answerValidate(request: IncomingMessage, keys: SampleDatadogOptions['keys']): ScriptedReply {
  return apiKeyRejected(request, keys) ? FORBIDDEN : { body: { valid: true } };
}

function drip(response: ServerResponse, payload: Buffer, everyMs: number): void {
  let sent = 0;
  const timer = setInterval(() => {
    if (sent < payload.length) response.write(payload.subarray(sent, ++sent));
    else response.end();
  }, everyMs);
  response.on('close', () => clearInterval(timer));
}

function send(response: ServerResponse, reply: ScriptedReply): void {
  if (reply.dropConnection) {
    response.socket?.destroy();
    return;
  }
  const payload = reply.bytes ?? Buffer.from(reply.raw ?? JSON.stringify(reply.body ?? {}));
  const contentType =
    reply.contentType ?? ((reply.raw ?? reply.bytes) === undefined ? 'application/json' : 'text/html');
  const length = reply.chunked ? {} : { 'content-length': String(payload.length) };
  response.writeHead(reply.status ?? 200, { 'content-type': contentType, ...length, ...reply.headers });
  if (reply.cutAfterBytes !== undefined)
    response.write(payload.subarray(0, reply.cutAfterBytes), () => response.socket?.resetAndDestroy());
  else if (reply.dripEveryMs !== undefined) drip(response, payload, reply.dripEveryMs);
  else if (reply.chunked) {
    for (let at = 0; at < payload.length; at += 16_384) response.write(payload.subarray(at, at + 16_384));
    response.end();
  } else response.end(payload);
}

export async function startSampleDatadog(options: SampleDatadogOptions = {}): Promise<SampleDatadog> {
  const given = options.data ?? SAMPLE_DATA;
  // Each server has its own copy: a cancel or a new run changes it, and no other server sees that.
  const data = structuredClone(options.timesRelativeTo ? shiftSampleTimes(given, options.timesRelativeTo) : given);
  const scripts = new Map<string, ScriptedReply[]>();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();

  const answer = (request: IncomingMessage, response: ServerResponse, body: string) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    requests.push({
      method,
      path: `${url.pathname}${url.search}`,
      headers: request.headers,
      ...(method === 'GET' ? {} : { body }),
      at: Date.now(),
    });
    const queue = scripts.get(url.pathname);
    const reply: ScriptedReply = queue?.length
      ? queue.length > 1
        ? (queue.shift() as ScriptedReply)
        : (queue[0] as ScriptedReply)
      : url.pathname === VALIDATE_PATH
        ? answerValidate(request, options.keys)
        : keysRejected(request, options.keys)
          ? FORBIDDEN
          : method !== 'GET'
            ? (answerWrite(data, method, url.pathname, body) ?? {
                status: 405,
                body: { errors: ['Method not allowed'] },
              })
            : answerFromData(data, url.pathname, url.searchParams);
    if (reply.hang) return;
    const delayMs = (reply.delayMs ?? 0) + (options.latencyMs ?? 0);
    if (delayMs) setTimeout(() => send(response, reply), delayMs);
    else send(response, reply);
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => answer(request, response, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    data,
    requests,
    script: (path, ...replies) => scripts.set(path, replies),
    runReply: (workflowId, instanceId, attributes) => {
      const reply = answerFromData(
        data,
        `/api/v2/workflows/${workflowId}/instances/${instanceId}`,
        new URLSearchParams(),
      );
      const body = reply.body as { data?: { attributes?: Record<string, unknown> } };
      if (!body.data) throw new Error(`no sample run ${workflowId}/${instanceId}`);
      return {
        ...reply,
        body: { ...body, data: { ...body.data, attributes: { ...body.data.attributes, ...attributes } } },
      };
    },
    reset: () => {
      scripts.clear();
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
