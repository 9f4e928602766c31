/** Work the bot has promised a reply for, so shutdown can wait for it instead of dropping replies. */
export class InFlight {
  private readonly pending = new Set<Promise<unknown>>();
  private cut: () => void = () => undefined;
  /** Settles when shutdown stops waiting for answers: a reply still waiting then says the bot is restarting. */
  readonly cutOff: Promise<void> = new Promise((resolve) => {
    this.cut = resolve;
  });

  /** Shutdown has begun: answers that are not in within `afterMs` are given up. */
  cutOffAfter(afterMs: number): void {
    setTimeout(this.cut, afterMs).unref();
  }

  get size(): number {
    return this.pending.size;
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    const promise = work();
    this.pending.add(promise);
    const forget = () => this.pending.delete(promise);
    promise.then(forget, forget);
    return promise;
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
