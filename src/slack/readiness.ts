/** What must hold before the bot can answer Slack: each check is ok, or names why not. */

export type ReadinessCheck = 'config' | 'modules' | 'slack_token' | 'socket_connection' | 'store' | 'datadog';

export interface ReadinessReport {
  ready: boolean;
  /** Each check: "ok", or why it is not ok yet. */
  checks: Partial<Record<ReadinessCheck, string>>;
}

const OK = 'ok';

export class Readiness {
  private readonly checks = new Map<ReadinessCheck, string>();
  private readonly reportedOnly = new Set<ReadinessCheck>();

  /**
   * Every check starts failing with its reason; the config is valid by the time anything runs. `reportedOnly`
   * checks are shown but do not gate readiness: lookups still work while the follow store is down.
   */
  constructor(
    pending: Partial<Record<ReadinessCheck, string>>,
    reportedOnly: Partial<Record<ReadinessCheck, string>> = {},
  ) {
    this.checks.set('config', OK);
    for (const [check, reason] of Object.entries(pending)) this.checks.set(check as ReadinessCheck, reason);
    for (const [check, reason] of Object.entries(reportedOnly)) {
      this.checks.set(check as ReadinessCheck, reason);
      this.reportedOnly.add(check as ReadinessCheck);
    }
  }

  pass(check: ReadinessCheck): void {
    this.checks.set(check, OK);
  }

  fail(check: ReadinessCheck, reason: string): void {
    this.checks.set(check, reason);
  }

  get ready(): boolean {
    return [...this.checks].every(([check, state]) => state === OK || this.reportedOnly.has(check));
  }

  report(): ReadinessReport {
    return { ready: this.ready, checks: Object.fromEntries(this.checks) };
  }
}
