import { type Logger, LogLevel } from '@slack/bolt';
import { errorMessage } from '../core/errorMessage';
import type { Log } from '../core/log';

/** Bolt's own messages go through our log, as text only: request bodies and error objects are not dumped. */
function describe(parts: unknown[]): string {
  return parts
    .map((part) => (part instanceof Error || typeof part === 'string' ? errorMessage(part) : '[object]'))
    .join(' ');
}

export function boltLogger(log: Log): Logger {
  let level = LogLevel.INFO;
  return {
    debug: (...parts) => log.debug(`bolt: ${describe(parts)}`),
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
