import type { Log, LogLevel } from '../../src/core/log';

export interface LogEvent {
  level: LogLevel;
  message: string;
  fields?: Record<string, unknown>;
}

/** A log that keeps each call as made, so a test can compare whole events rather than formatted lines. */
export class RecordingLog implements Log {
  readonly events: LogEvent[] = [];
  readonly debug = (message: string, fields?: Record<string, unknown>) => this.record('debug', message, fields);
  readonly info = (message: string, fields?: Record<string, unknown>) => this.record('info', message, fields);
  readonly warn = (message: string, fields?: Record<string, unknown>) => this.record('warn', message, fields);
  readonly error = (message: string, fields?: Record<string, unknown>) => this.record('error', message, fields);
  readonly outcome = (message: string, fields: Record<string, unknown>) => this.record('info', message, fields);

  private record(level: LogLevel, message: string, fields: Record<string, unknown> | undefined): void {
    this.events.push(fields === undefined ? { level, message } : { level, message, fields });
  }
}
