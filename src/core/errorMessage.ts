/** What went wrong, as one line of text, whatever was thrown. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The error's code, or its cause's: undici wraps a socket error in its own. */
export function errorCode(err: unknown): string | undefined {
  const { code, cause } = (err ?? {}) as { code?: unknown; cause?: { code?: unknown } };
  return typeof code === 'string' ? code : typeof cause?.code === 'string' ? cause.code : undefined;
}
