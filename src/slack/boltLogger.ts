import { type Logger, LogLevel } from '@slack/bolt';
import { errorMessage } from '../core/errorMessage';
import type { Log } from '../core/log';

/** Bolt's debug lines can quote whole Slack payloads: kept short. */
const MAX_BOLT_MESSAGE = 300;

/** Bolt and its WebClient write bodies as JSON inside their debug text (views, messages, Datadog's words): cut there. */
function withoutBody(text: string): string {
  const body = text.search(/[{[]/);
  return body < 0 ? text : `${text.slice(0, body)}[body not logged]`;
}

/** Bolt's own messages go through our log, as text only: request bodies and error objects are not dumped. */
function describe(parts: unknown[]): string {
  const text = parts
    .map((part) => (part instanceof Error || typeof part === 'string' ? withoutBody(errorMessage(part)) : '[object]'))
    .join(' ');
  return text.length > MAX_BOLT_MESSAGE ? `${text.slice(0, MAX_BOLT_MESSAGE)}…` : text;
}

/** `debug` off (LOG_LEVEL above debug): Bolt's many debug calls per request return at once, their text never built. */
export function boltLogger(log: Log, debug: boolean): Logger {
  let level = LogLevel.INFO;
  return {
    debug: debug ? (...parts) => log.debug(`bolt: ${describe(parts)}`) : () => undefined,
    info: (...parts) => log.info(`bolt: ${describe(parts)}`),
    warn: (...parts) => log.warn(`bolt: ${describe(parts)}`),
    error: (...parts) => log.error(`bolt: ${describe(parts)}`),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
