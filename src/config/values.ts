import { z } from 'zod';

/** The kinds of value a setting can hold: each parses one environment variable and says what was wrong, never echoing it. */

/** Empty counts as unset. */
export const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

export const httpUrl = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value.replace(/\/+$/, '') : undefined))
  .refine((value) => value === undefined || /^https?:\/\/[^\s/]+/.test(value), {
    message: 'must be an http(s) URL, e.g. http://127.0.0.1:8126',
  });

/** A whole number: `min` 1 for "above 0", 0 where 0 means "none" (a cache lifetime of 0 keeps nothing). */
export const whole = (fallback: number, min: 0 | 1, unit = 'number') =>
  z.coerce
    .number({ message: `must be a ${unit}` })
    .int({ message: `must be a whole ${unit}` })
    .min(min, { message: min === 0 ? 'must be 0 or more' : 'must be above 0' })
    .default(fallback);

export const positiveMs = (fallback: number) => whole(fallback, 1, 'number of milliseconds');

export const required = (what: string) =>
  z
    .string({ message: `is required (${what})` })
    .trim()
    .min(1, { message: `is required (${what})` });

/** Text that starts with `prefix` (a token kind); empty counts as unset. */
export const optionalPrefixed = (prefix: string, what: string) =>
  optionalText.refine((value) => value === undefined || value.startsWith(prefix), {
    message: `must be ${what} starting with ${prefix}`,
  });

/** 1 or 0 (also true/false, yes/no, on/off); empty means the default. */
export const flag = (fallback: boolean) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z.stringbool({ message: 'must be 1 or 0' }).default(fallback),
  );

/** One of `values`, in any case and with spaces around; empty means the default. */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? value.trim().toLowerCase() || undefined : value),
    z.enum(values, { message: `must be one of ${values.join(', ')}` }).default(fallback),
  );

/** A comma-separated list of IDs (empty: no list); each must look like `what`. */
export const idList = (what: string, valid: (id: string) => boolean) =>
  z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    )
    .refine((ids) => ids.every(valid), { message: `must be a comma-separated list of ${what}` });

export const slackId = (prefixes: string) => (id: string) => new RegExp(`^[${prefixes}][A-Z0-9]{2,30}$`).test(id);

const portNumber = z.coerce
  .number({ message: 'must be a port number' })
  .int({ message: 'must be a port number' })
  .min(0, { message: 'must be a port number from 0 to 65535' })
  .max(65535, { message: 'must be a port number from 0 to 65535' });

export const port = portNumber.default(3000);

/** A port, or none when unset or empty. */
export const optionalPort = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  portNumber.optional(),
);

/** An IP address or a host name to bind to; empty counts as unset. */
export const bindHost = optionalText.refine((value) => value === undefined || /^[\w.:-]+$/.test(value), {
  message: 'must be an IP address or host name, e.g. 127.0.0.1',
});
