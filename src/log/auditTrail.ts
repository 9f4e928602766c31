import { createWriteStream } from 'node:fs';
import { type ActionEvent, type ActionObserver, type Clock, systemClock } from '../core/ports';
import { escapeControlChars } from './controlChars';

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
 * Appends to `file` when given (AUDIT_LOG_FILE), otherwise writes to stdout beside the log. A file that cannot be
 * written is told to `onError` (the bot logs it) instead of crashing the bot; lookups ending after close are not written.
 */
export function openAuditTrail(
  file: string | undefined,
  onError: (err: Error) => void,
  now: Clock = systemClock,
): AuditTrail {
  const stream = file ? createWriteStream(file, { flags: 'a' }) : undefined;
  stream?.on('error', onError);
  let closed = false;
  const write = stream ? (line: string) => stream.write(line) : (line: string) => process.stdout.write(line);
  return {
    observe: (event) => {
      if (!closed) write(auditLine(event, now()));
    },
    close: () => {
      closed = true;
      return new Promise((resolve) => (stream ? stream.end(resolve) : resolve()));
    },
  };
}
