import pino from 'pino';
import { formatLogLine, type Log, type LogFormat, type LogLevel } from '../core/log';
import { escapeControlChars } from './controlChars';
import { stdoutSink } from './stdoutSink';

/** The bot's log on pino: JSON lines for log pipelines, or readable lines for a terminal. */

export interface PinoLogOptions {
  level: LogLevel;
  /** `auto`: JSON unless stdout is a terminal. */
  format: LogFormat;
  /** Values that must never be written (tokens, keys), whatever field or message carries them. */
  secrets?: string[];
  /** Where lines go; stdout (asynchronously, `stdoutSink`) when absent. Each call gets one whole line with its newline. */
  write?: (line: string) => void;
  /** Whether stdout is a terminal, for `auto`; read from process.stdout when absent. */
  isTty?: boolean;
}

/** Field names that hold credentials anywhere in a log call: pino blanks them before anything else runs. */
const REDACTED_FIELDS = [
  'token',
  'botToken',
  'appToken',
  'apiKey',
  'appKey',
  'signingSecret',
  'secret',
  'password',
  'authorization',
  'headers.authorization',
  'headers["dd-api-key"]',
  'headers["dd-application-key"]',
  '*.token',
  '*.apiKey',
  '*.appKey',
  '*.authorization',
];

const MASK = '[redacted]';
/** Shorter values would blank ordinary words; every real Slack or Datadog credential is far longer. */
const MIN_SECRET_LENGTH = 8;

export function resolveLogFormat(format: LogFormat, isTty: boolean): 'json' | 'pretty' {
  return format === 'auto' ? (isTty ? 'pretty' : 'json') : format;
}

function scrubber(secrets: string[]): (line: string) => string {
  const values = secrets.filter((secret) => secret.length >= MIN_SECRET_LENGTH);
  return (line) => values.reduce((text, secret) => text.split(secret).join(MASK), line);
}

/** A pino JSON line as `time LEVEL msg key=value`. */
export function prettyLine(json: string): string {
  const { time, level, msg, service: _service, ...fields } = JSON.parse(json) as Record<string, unknown>;
  return formatLogLine(String(time), String(level), String(msg ?? ''), fields);
}

export function createPinoLog(options: PinoLogOptions): Log {
  const format = resolveLogFormat(options.format, options.isTty ?? process.stdout.isTTY === true);
  const scrub = scrubber(options.secrets ?? []);
  const out = options.write ?? ((line: string) => stdoutSink().write(line));
  const shaped = (line: string) => (format === 'json' ? line.replace(/\n$/, '') : prettyLine(line));
  // User-supplied IDs reach log fields: no control character may forge a line or drive a terminal.
  const loggerTo = (finish: (line: string) => string, redact?: { paths: string[]; censor: string }) =>
    pino(
      {
        level: options.level,
        base: { service: 'dd-instance' },
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        redact,
      },
      { write: (line: string) => out(`${escapeControlChars(finish(shaped(line)))}\n`) },
    );
  const logger = loggerTo(scrub, { paths: REDACTED_FIELDS, censor: MASK });
  // IDs and outcome tags only (Log.outcome): nothing there can hold a credential, so no redaction and no scrubbing.
  const outcomes = loggerTo((line) => line);
  const at =
    (level: LogLevel) =>
    (message: string, fields?: Record<string, unknown>): void =>
      logger[level](fields ?? {}, message);
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    outcome: (message, fields) => outcomes.info(fields, message),
  };
}
