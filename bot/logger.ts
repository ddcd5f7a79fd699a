/**
 * The structured logger (pino). Personal data stays out of logs: log ids and error details, never
 * message text or phone numbers.
 */
import pino, { type Logger } from 'pino';

export type { Logger };

/** Creates the process logger at a given level. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'pathfinder' } });
}
