import pino from 'pino';
import { type ActionEvent, type ActionObserver, type Clock, systemClock } from '../core/ports';
import { escapeControlChars } from './controlChars';
import { stdoutSink } from './stdoutSink';

/** The audit trail: one JSON line per action (lookups, refusals, App Home, acts), with IDs and outcomes only. */

export interface AuditTrail {
  observe: ActionObserver;
  close(): Promise<void>;
}

/** IDs, the action and how it ended: never a secret, never anything Datadog said, and of a run's inputs only their names. */
export function auditLine(event: ActionEvent, time: Date): string {
  const { requester } = event;
  const line = JSON.stringify({
    time: time.toISOString(),
    audit: event.kind,
    team: requester.teamId,
    enterprise: requester.enterpriseId,
    user: requester.userId,
    channel: requester.channelId,
    action: event.act ?? event.entryPoint,
    via: event.act ? event.entryPoint : undefined,
    workflow: event.workflowId,
    instance: event.instanceId,
    new_instance: event.newInstanceId,
    inputs: event.inputNames,
    outcome: event.outcome,
    refusal: event.refusal,
    latency_ms: event.latencyMs,
  });
  return `${escapeControlChars(line)}\n`;
}

/**
 * Appends to `file` when given (AUDIT_LOG_FILE), otherwise writes to stdout through the log's own writer, so the two
 * never interleave; both asynchronously (pino's SonicBoom), flushed on exit. A file that cannot be written is told to
 * `onError` (the bot logs it) instead of crashing the bot; lookups ending after close are not written.
 */
export function openAuditTrail(
  file: string | undefined,
  onError: (err: Error) => void,
  now: Clock = systemClock,
): AuditTrail {
  const own = file ? pino.destination({ dest: file, append: true, sync: false }) : undefined;
  let broken = false;
  own?.on('error', (err: Error) => {
    broken = true;
    onError(err);
  });
  const sink = own ?? stdoutSink();
  let closed = false;
  return {
    observe: (event) => {
      if (!closed) sink.write(auditLine(event, now()));
    },
    close: () => {
      closed = true;
      if (!own || broken) return Promise.resolve();
      // A file that failed to open never closes: its error ends the wait too.
      return new Promise((resolve) => {
        own.once('close', resolve).once('error', resolve);
        own.end();
      });
    },
  };
}
