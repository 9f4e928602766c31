/** Resolves with the first log line that matches, polling the bot's captured log; rejects after `timeoutMs`. */
export async function logLine(logs: string[], pattern: RegExp, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = logs.find((entry) => pattern.test(entry));
    if (line) return line;
    if (Date.now() > deadline) throw new Error(`no log line ${pattern} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Whether any C0 or C1 control character, or DEL, is in the text raw. */
export function hasControlChar(text: string): boolean {
  return [...text].some((char) => {
    const code = char.charCodeAt(0);
    return code < 0x20 || (code >= 0x7f && code <= 0x9f);
  });
}
