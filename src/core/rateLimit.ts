/** How many lookups each user may make per minute: counted in the current minute, forgotten at the next. */
export class PerUserRateLimit {
  private minute = -1;
  private readonly counts = new Map<string, number>();

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one lookup; false when the user has had their share this minute. */
  take(userId: string): boolean {
    const minute = Math.floor(this.now() / 60_000);
    // A new minute starts everyone afresh, so the map holds at most one minute's users.
    if (minute !== this.minute) {
      this.minute = minute;
      this.counts.clear();
    }
    const used = this.counts.get(userId) ?? 0;
    if (used >= this.perMinute) return false;
    this.counts.set(userId, used + 1);
    return true;
  }
}
