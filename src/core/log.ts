/** Fields that name things by ID and tag only: never text a person or Datadog wrote, so never a secret. */
export type OutcomeFields = Record<string, string | number | undefined>;

/** The bot's log: one line each, `key=value` pairs, never a secret (callers pass IDs and outcomes only). */
export interface Log {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** An info line of IDs and outcome tags only (one per lookup): written without the scrubbing free text needs. */
  outcome(message: string, fields: OutcomeFields): void;
}

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
/** LOG_FORMAT: JSON lines, readable lines, or whichever suits where stdout goes. */
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

function formatFields(fields: Record<string, unknown> = {}): string {
  return Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'string' && !/\s/.test(value) ? value : JSON.stringify(value)}`)
    .join(' ');
}

/** One readable line: `time LEVEL message key=value …`; the terminal's format, and the pino adapter's pretty one. */
export function formatLogLine(time: string, level: string, message: string, fields?: Record<string, unknown>): string {
  const rest = formatFields(fields);
  return `${time} ${level.toUpperCase()} ${message}${rest ? ` ${rest}` : ''}`;
}

export function createLog(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Log {
  const threshold = LOG_LEVELS.indexOf(level);
  const at = (name: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (LOG_LEVELS.indexOf(name) < threshold) return;
    write(formatLogLine(new Date().toISOString(), name, message, fields));
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), outcome: at('info') };
}
