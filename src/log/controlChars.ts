/** C0 and C1 controls (ESC, NEL U+0085, …), DEL and the Unicode line separators: anything that can fake a line. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this regex's purpose.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Each control character as a `\uXXXX` escape: valid inside a JSON string, and inert in a terminal. */
export function escapeControlChars(line: string): string {
  return line.replace(CONTROL, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
