import type { Deadline } from './deadlines';
import type { Endpoint, RateLimits } from './rateLimits';

/** Calls that may wait for spent budgets at once; one more is answered at once, so waiting never grows unbounded. */
const MAX_WAITING = 100;

interface LimitQueue {
  /** Each waiting call's wake-up, in the order the calls came. */
  waiting: Set<() => void>;
  timer: NodeJS.Timeout;
}

/**
 * Calls waiting for a spent rate-limit budget to refill, when it refills within their deadline: in order of asking
 * (one timer per limit wakes its calls in turn), each cut by its own deadline, nothing kept once woken or cut.
 */
export class BudgetWaits {
  private readonly queues = new Map<string, LimitQueue>();
  private count = 0;
  private closed = false;

  constructor(private readonly rateLimits: RateLimits) {}

  /**
   * Undefined once the endpoint's budget is open (at once, or after waiting); else the whole seconds until it
   * refills: it would not refill `marginMs` before the deadline, too many calls wait already, or the wait was cut.
   */
  async wait(endpoint: Endpoint, deadline: Deadline, marginMs: number): Promise<number | undefined> {
    for (;;) {
      const spent = this.rateLimits.spentBudget(endpoint);
      if (spent === undefined) return undefined;
      const fits = spent.leftMs <= deadline.at - performance.now() - marginMs;
      if (!fits || this.closed || this.count >= MAX_WAITING || !(await this.queued(spent, deadline)))
        return Math.ceil(spent.leftMs / 1000);
    }
  }

  /** Wakes every waiting call, which then answers at once: the client is closing. */
  close(): void {
    this.closed = true;
    for (const limit of [...this.queues.keys()]) this.release(limit);
  }

  /** True when woken at the reset (the budget is read again then), false when the deadline cut the wait. */
  private queued({ limit, leftMs }: { limit: string; leftMs: number }, deadline: Deadline): Promise<boolean> {
    return new Promise((resolve) => {
      const queue = this.queues.get(limit) ?? this.open(limit, leftMs);
      const cut = () => {
        queue.waiting.delete(wake);
        this.count--;
        if (queue.waiting.size === 0) {
          clearTimeout(queue.timer);
          this.queues.delete(limit);
        }
        resolve(false);
      };
      const wake = () => {
        deadline.off('abort', cut);
        resolve(true);
      };
      queue.waiting.add(wake);
      this.count++;
      deadline.once('abort', cut);
    });
  }

  private open(limit: string, leftMs: number): LimitQueue {
    // Not unref'd: in the CLI this timer may be the only thing keeping the process alive until the call goes.
    const queue = { waiting: new Set<() => void>(), timer: setTimeout(() => this.release(limit), leftMs) };
    this.queues.set(limit, queue);
    return queue;
  }

  private release(limit: string): void {
    const queue = this.queues.get(limit);
    if (!queue) return;
    this.queues.delete(limit);
    clearTimeout(queue.timer);
    this.count -= queue.waiting.size;
    for (const wake of queue.waiting) wake();
  }
}
