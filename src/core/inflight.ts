/** Work the bot has promised a reply for, so shutdown can wait for it instead of dropping replies. */
export class InFlight {
  private readonly pending = new Set<Promise<unknown>>();
  /** One per answer still awaited: each is removed when its answer arrives, so nothing outlives its request. */
  private readonly cutOffListeners = new Set<() => void>();
  private cut = false;

  /** `maxPending`: past it `full` is true, and new requests are answered "busy" instead of waiting in line. */
  constructor(private readonly maxPending = Number.POSITIVE_INFINITY) {}

  /** Shutdown has begun: answers that are not in within `afterMs` are given up. */
  cutOffAfter(afterMs: number): void {
    setTimeout(() => {
      this.cut = true;
      for (const listener of this.cutOffListeners) listener();
      this.cutOffListeners.clear();
    }, afterMs).unref();
  }

  get size(): number {
    return this.pending.size;
  }

  /** The backlog is at its cap: a new request should be told to try again rather than add to it. */
  get full(): boolean {
    return this.pending.size >= this.maxPending;
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    const promise = work();
    this.pending.add(promise);
    const forget = () => this.pending.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  /** `answer`, or `late` when shutdown's cut-off comes first (or has come). */
  beforeCutOff<T>(answer: Promise<T>, late: T): Promise<T> {
    if (this.cut) return Promise.resolve(late);
    return new Promise<T>((resolve, reject) => {
      const giveUp = () => resolve(late);
      this.cutOffListeners.add(giveUp);
      answer.then(resolve, reject).finally(() => this.cutOffListeners.delete(giveUp));
    });
  }

  /** Resolves when all current work has ended, or after `timeoutMs`, whichever is first. */
  async drain(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const settled = Promise.allSettled([...this.pending]).then(() => true);
    const drained = await Promise.race([settled, timedOut]);
    clearTimeout(timer);
    return drained;
  }
}
