import { type Dispatcher, EnvHttpProxyAgent, interceptors, request } from 'undici';
import { deferred } from '../core/deferred';
import { errorCode } from '../core/errorMessage';
import { type DatadogFailure, type DatadogResult, failed } from '../core/failures';
import { classifyNetworkError } from '../core/networkFailure';
import { type ProxySettings, proxyAgentOptions } from '../core/proxy';
import { isUuid, type RunList, type RunRef, type WorkflowInfo, type WorkflowRun } from '../core/run';
import { apiBaseUrl, type DatadogSite } from '../core/sites';
import { BudgetWaits } from './budgetWaits';
import { type Deadline, Deadlines } from './deadlines';
import { type Endpoint, RateLimits, resetSeconds } from './rateLimits';
import { isRetryable, isTimeoutCode, RETRY_STATUSES } from './retryPolicy';
import type { Parsed } from './schemas';

// Built after the port is open (or at the first call), not during start-up.
const schemas = deferred(() => require('./schemas') as typeof import('./schemas'));

/** What the client needs to reach Datadog; the app's config satisfies it as it is. */
export interface DatadogClientOptions {
  apiKey: string;
  appKey: string;
  site: DatadogSite;
  /** Replaces the site's API host (a proxy, or the loopback sample Datadog). */
  apiUrl?: string | undefined;
  /** Bounds each try: connecting, the headers, and each gap in the body. */
  attemptTimeoutMs: number;
  /** Bounds the whole call, retries and waits included. */
  deadlineMs: number;
  /** The proxy Datadog is reached through; none when absent. */
  proxy?: ProxySettings | undefined;
}

export interface ClientTuning {
  /** Retries after the first try, for 429, 5xx, network errors and per-try timeouts. */
  maxRetries: number;
  /** First backoff step; later steps double, each with full jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  maxResponseBytes: number;
  /** The clock that rate-limit budgets are read against; tests move a fake one. */
  now: () => number;
}

const DEFAULT_TUNING: ClientTuning = {
  maxRetries: 2,
  baseDelayMs: 250,
  maxDelayMs: 2000,
  maxResponseBytes: 2 * 1024 * 1024,
  now: Date.now,
};

/** Datadog's own default page size, for a size that is not a number. */
const DEFAULT_PAGE_SIZE = 10;

interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A call that changes something in Datadog: its method and JSON body. */
interface Write {
  method: 'PUT' | 'POST';
  body?: string;
}

type RetryCallback = (err?: Error | null) => void;
type RetryContext = { state: { counter: number } };

/** undici's request() never decompresses, so a compressed body stays as small as it came: it is refused, not unpacked. */
function isEncoded(headers: HttpAnswer['headers']): boolean {
  const encoding = headers['content-encoding'];
  const value = (Array.isArray(encoding) ? encoding.join(',') : (encoding ?? '')).trim().toLowerCase();
  return value !== '' && value !== 'identity';
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** Reads workflow runs from Datadog (keep-alive pool, bounded jittered retries, a per-try timeout and a total deadline), and cancels or starts them. */
export class DatadogClient {
  private readonly dispatcher: Dispatcher;
  private readonly baseUrl: string;
  /** Datadog's API host (DD_API_URL's, or the site's), named when it cannot be reached. */
  readonly host: string;
  private readonly tuning: ClientTuning;
  private readonly deadlines: Deadlines;
  private readonly rateLimits: RateLimits;
  private readonly budgetWaits: BudgetWaits;
  private readonly headers: Record<string, string>;

  constructor(
    private readonly config: DatadogClientOptions,
    tuning: Partial<ClientTuning> = {},
  ) {
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
    this.baseUrl = config.apiUrl ?? apiBaseUrl(config.site);
    this.host = new URL(this.baseUrl).host;
    this.deadlines = new Deadlines(config.deadlineMs);
    this.rateLimits = new RateLimits(this.tuning.now);
    this.budgetWaits = new BudgetWaits(this.rateLimits);
    this.headers = { accept: 'application/json', 'dd-api-key': config.apiKey, 'dd-application-key': config.appKey };
    this.dispatcher = new EnvHttpProxyAgent({
      ...proxyAgentOptions(config.proxy),
      keepAliveTimeout: 30_000,
      connections: 32,
      connectTimeout: config.attemptTimeoutMs,
      headersTimeout: config.attemptTimeoutMs,
      bodyTimeout: config.attemptTimeoutMs,
      maxResponseSize: this.tuning.maxResponseBytes,
    }).compose(
      // Only these two reach undici: every other retry choice is made by retryOrStop, which replaces undici's own.
      interceptors.retry({ throwOnError: false, statusCodes: RETRY_STATUSES }),
    );
  }

  getInstance(ref: RunRef): Promise<DatadogResult<WorkflowRun>> {
    return this.call(
      'get-instance',
      `/api/v2/workflows/${encodeURIComponent(ref.workflowId)}/instances/${encodeURIComponent(ref.instanceId)}`,
      [ref.workflowId, ref.instanceId],
      'instance',
      (body) => schemas().parseInstanceBody(body, ref),
    );
  }

  listInstances(workflowId: string, pageSize: number): Promise<DatadogResult<RunList>> {
    const size = Number.isFinite(pageSize) ? Math.min(Math.max(Math.trunc(pageSize), 1), 100) : DEFAULT_PAGE_SIZE;
    return this.call(
      'list-instances',
      `/api/v2/workflows/${encodeURIComponent(workflowId)}/instances?page%5Bsize%5D=${size}&page%5Bnumber%5D=0`,
      [workflowId],
      'workflow',
      (body) => schemas().parseListBody(body, workflowId),
    );
  }

  getWorkflow(workflowId: string): Promise<DatadogResult<WorkflowInfo>> {
    return this.call(
      'get-workflow',
      `/api/v2/workflows/${encodeURIComponent(workflowId)}`,
      [workflowId],
      'workflow',
      (body) => schemas().parseWorkflowBody(body, workflowId),
    );
  }

  /** PUT …/cancel: sent once (a second try could meet the run it just cancelled as "not found"), only a spent rate-limit budget is waited for. */
  cancelInstance(ref: RunRef): Promise<DatadogResult<undefined>> {
    const path = `/api/v2/workflows/${encodeURIComponent(ref.workflowId)}/instances/${encodeURIComponent(ref.instanceId)}/cancel`;
    return this.call(
      'cancel-instance',
      path,
      [ref.workflowId, ref.instanceId],
      'instance',
      () => ({
        ok: true,
        value: undefined,
      }),
      { method: 'PUT' },
    );
  }

  /** POST …/instances: sent once, as a second try could start a second run; Datadog answers 200 or 201 with the new run's ID. */
  executeWorkflow(workflowId: string, payload: Record<string, unknown>): Promise<DatadogResult<RunRef>> {
    return this.call(
      'execute-workflow',
      `/api/v2/workflows/${encodeURIComponent(workflowId)}/instances`,
      [workflowId],
      'workflow',
      (body) => schemas().parseExecuteBody(body, workflowId),
      { method: 'POST', body: JSON.stringify({ meta: { payload } }) },
    );
  }

  /** Datadog's own check of the API key (the application key is not looked at): for `dd-instance --check`. */
  validateApiKey(): Promise<DatadogResult<{ valid: boolean }>> {
    return this.call('validate', '/api/v1/validate', [], 'unknown', (body) => schemas().parseValidateBody(body));
  }

  /** Closes the pool at once: a request still open is cut, as no one is waiting for its answer any more. */
  async close(): Promise<void> {
    this.budgetWaits.close();
    await this.dispatcher.destroy();
  }

  private async call<T>(
    endpoint: Endpoint,
    path: string,
    ids: string[],
    notFoundDefault: 'workflow' | 'instance' | 'unknown',
    parse: (body: unknown) => Parsed<T>,
    write?: Write,
  ): Promise<DatadogResult<T>> {
    const badId = ids.find((id) => !isUuid(id));
    if (badId !== undefined) return failed({ kind: 'bad_request', detail: 'IDs must be UUIDs' });
    const deadline = this.deadlines.start();
    try {
      return await this.ask(endpoint, path, notFoundDefault, parse, deadline, write);
    } finally {
      this.deadlines.finish(deadline);
    }
  }

  private async ask<T>(
    endpoint: Endpoint,
    path: string,
    notFoundDefault: 'workflow' | 'instance' | 'unknown',
    parse: (body: unknown) => Parsed<T>,
    deadline: Deadline,
    write: Write | undefined,
  ): Promise<DatadogResult<T>> {
    // A spent budget that refills within the deadline is waited for (holding this call's DD_MAX_CONCURRENT turn);
    // a longer one answers at once: a request now would be refused and would count against the org's keys.
    const retryAfterSeconds = await this.budgetWaits.wait(endpoint, deadline, this.minAttemptMs);
    if (retryAfterSeconds !== undefined) return failed({ kind: 'rate_limited', retryAfterSeconds });
    const answer = await this.send(endpoint, path, deadline, write);
    if ('failure' in answer) return failed(answer.failure);
    this.rateLimits.observe(endpoint, answer.status, answer.headers);
    if (answer.status >= 200 && answer.status < 300) {
      if (isEncoded(answer.headers))
        return failed({
          kind: 'invalid_response',
          reason: 'Datadog sent a compressed answer, which the bot did not ask for and does not unpack',
        });
      // A write's answer may be empty: what matters is its status.
      const body = write && answer.body.trim() === '' ? {} : parseJson(answer.body);
      if (body === undefined) return failed({ kind: 'invalid_response', reason: 'Datadog did not answer with JSON' });
      const parsed = parse(body);
      return parsed.ok
        ? { ok: true, value: parsed.value }
        : failed({ kind: 'invalid_response', reason: parsed.reason });
    }
    return failed(this.classifyStatus(answer, notFoundDefault));
  }

  private classifyStatus(answer: HttpAnswer, notFoundDefault: 'workflow' | 'instance' | 'unknown'): DatadogFailure {
    const { status } = answer;
    const errors = schemas().parseErrorBody(parseJson(answer.body));
    if (status === 404) {
      if (errors.codes.includes('WORKFLOW_NOT_FOUND')) return { kind: 'not_found', what: 'workflow' };
      if (errors.codes.includes('INSTANCE_NOT_FOUND')) return { kind: 'not_found', what: 'instance' };
      return { kind: 'not_found', what: errors.codes.length > 0 ? 'unknown' : notFoundDefault };
    }
    if (status === 401 || status === 403) return { kind: 'forbidden', status };
    if (status === 429) return { kind: 'rate_limited', retryAfterSeconds: resetSeconds(answer.headers) };
    if (status === 400 || status === 422) return { kind: 'bad_request', status, detail: errors.details[0] };
    if (status >= 500) return { kind: 'unavailable', status };
    return { kind: 'invalid_response', reason: `Datadog answered HTTP ${status}` };
  }

  private async send(
    endpoint: Endpoint,
    path: string,
    deadline: Deadline,
    write: Write | undefined,
  ): Promise<HttpAnswer | { failure: DatadogFailure }> {
    const started = Date.now();
    try {
      const options = {
        dispatcher: this.dispatcher,
        method: write?.method ?? 'GET',
        headers: write?.body === undefined ? this.headers : { ...this.headers, 'content-type': 'application/json' },
        body: write?.body,
        signal: deadline,
      };
      // Per-request retryOptions reach undici's retry interceptor, so each call's deadline bounds its own retries.
      // A write is retried only after a 429, which Datadog answers without acting.
      const retry = (err: Error, context: RetryContext, callback: RetryCallback) =>
        write && (err as { statusCode?: number }).statusCode !== 429
          ? callback(err)
          : this.retryOrStop(err, context, callback, deadline, endpoint);
      const response = await request(`${this.baseUrl}${path}`, Object.assign(options, { retryOptions: { retry } }));
      return { status: response.statusCode, headers: response.headers, body: await response.body.text() };
    } catch (err) {
      return { failure: this.classifyError(err, deadline, Date.now() - started) };
    }
  }

  /** Time a try needs at the least: no wait or retry is begun that would leave less before the deadline. */
  private get minAttemptMs(): number {
    return Math.min(this.config.attemptTimeoutMs, 1000);
  }

  /** Waits X-RateLimit-Reset for a 429, else a jittered backoff; gives up when the wait would pass the deadline. */
  private retryOrStop(
    err: Error,
    { state }: RetryContext,
    callback: RetryCallback,
    deadline: Deadline,
    endpoint: Endpoint,
  ): void {
    const { statusCode, headers } = err as Error & { statusCode?: number; headers?: HttpAnswer['headers'] };
    if (statusCode !== undefined && headers) this.rateLimits.observe(endpoint, statusCode, headers);
    if (!isRetryable(statusCode, errorCode(err)) || state.counter > this.tuning.maxRetries) {
      callback(err);
      return;
    }
    const reset = statusCode === 429 && headers ? resetSeconds(headers) : undefined;
    const backoff = Math.min(this.tuning.baseDelayMs * 2 ** (state.counter - 1), this.tuning.maxDelayMs);
    const delay = reset !== undefined ? reset * 1000 + Math.random() * 250 : Math.random() * backoff;
    const remainingAfterWait = deadline.at - performance.now() - delay;
    if (remainingAfterWait < this.minAttemptMs) {
      callback(err);
      return;
    }
    // Not unref'd: in the CLI this timer may be the only thing keeping the process alive until the retry.
    setTimeout(() => callback(null), delay);
  }

  private classifyError(err: unknown, signal: { aborted: boolean }, elapsedMs: number): DatadogFailure {
    const code = errorCode(err);
    if (signal.aborted || isTimeoutCode(code)) return { kind: 'timeout', afterMs: elapsedMs };
    if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE')
      return { kind: 'invalid_response', reason: 'the response was too large' };
    if (code === 'UND_ERR_REQ_RETRY') {
      const status = (err as { statusCode?: number }).statusCode ?? 0;
      // The retry interceptor resumes a broken body with a Range request; a 2xx here means the answer stayed cut off.
      if (status >= 200 && status < 300) return { kind: 'unreachable', cutOff: true };
      return status === 429 ? { kind: 'rate_limited' } : { kind: 'unavailable', status };
    }
    const network = classifyNetworkError(err);
    return network ? { kind: 'unreachable', code: network.code, cause: network.cause } : { kind: 'unreachable', code };
  }
}
