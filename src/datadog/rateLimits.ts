/** The calls the client makes; Datadog names the rate limit each one counts against in X-RateLimit-Name. */
export type Endpoint =
  | 'get-instance'
  | 'list-instances'
  | 'get-workflow'
  | 'validate'
  | 'cancel-instance'
  | 'execute-workflow';

export type ResponseHeaders = Record<string, string | string[] | undefined>;

/** Longer than any Datadog rate-limit period: a larger X-RateLimit-Reset is treated as this. */
export const MAX_RESET_SECONDS = 3600;

function headerText(headers: ResponseHeaders, name: string): string | undefined {
  const raw = headers[name];
  return (Array.isArray(raw) ? raw[0] : raw)?.trim() || undefined;
}

/** A whole number from a header, or undefined for a missing, junk, negative or non-finite one. */
function headerCount(headers: ResponseHeaders, name: string): number | undefined {
  const text = headerText(headers, name);
  const value = text !== undefined && /^\d+(\.\d+)?(e\+?\d+)?$/i.test(text) ? Number(text) : NaN;
  return Number.isFinite(value) ? value : undefined;
}

/** X-RateLimit-Reset (seconds until the budget refills) bounded to 0..MAX_RESET_SECONDS; undefined if unusable. */
export function resetSeconds(headers: ResponseHeaders): number | undefined {
  const reset = headerCount(headers, 'x-ratelimit-reset');
  return reset === undefined ? undefined : Math.min(reset, MAX_RESET_SECONDS);
}

/**
 * Datadog's rate-limit budgets, read from the X-RateLimit-* headers of every answer, per limit name. An
 * endpoint is tied to a name by the first answer that names it; before that no budget applies to it.
 * A spent budget stays spent until its reset, so that a late answer sent before it ran out cannot reopen it.
 */
export class RateLimits {
  private readonly limitOf = new Map<Endpoint, string>();
  private readonly spentUntil = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The endpoint's spent budget: its limit's name and the milliseconds until it refills; undefined when open. */
  spentBudget(endpoint: Endpoint): { limit: string; leftMs: number } | undefined {
    const limit = this.limitOf.get(endpoint);
    const until = limit === undefined ? undefined : this.spentUntil.get(limit);
    if (limit === undefined || until === undefined) return undefined;
    const leftMs = until - this.now();
    if (leftMs > 0) return { limit, leftMs };
    this.spentUntil.delete(limit);
    return undefined;
  }

  /** Whole seconds until the endpoint's budget refills, when it is spent; else undefined (go ahead). */
  retryAfterSeconds(endpoint: Endpoint): number | undefined {
    const spent = this.spentBudget(endpoint);
    return spent && Math.ceil(spent.leftMs / 1000);
  }

  /** Learns from one answer: which limit the endpoint counts against, and whether that budget is spent. */
  observe(endpoint: Endpoint, status: number, headers: ResponseHeaders): void {
    const named = headerText(headers, 'x-ratelimit-name');
    if (named !== undefined) this.limitOf.set(endpoint, named);
    const limit = named ?? this.limitOf.get(endpoint);
    const reset = resetSeconds(headers);
    const spent = status === 429 || headerCount(headers, 'x-ratelimit-remaining') === 0;
    if (limit === undefined || reset === undefined || reset === 0 || !spent) return;
    const until = this.now() + reset * 1000;
    this.spentUntil.set(limit, Math.max(until, this.spentUntil.get(limit) ?? 0));
  }
}
