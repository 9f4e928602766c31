/** Times as Slack shows them: each reader sees their own time zone. */

export function slackDate(date: Date): string {
  const unix = Math.floor(date.getTime() / 1000);
  const fallback = date
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  return `<!date^${unix}^{date_short_pretty} {time_secs}|${fallback}>`;
}

/** "1h 2m", "3m 4s", "850 ms": two units at most, enough for an incident channel. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const units: Array<[string, number]> = [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ];
  let rest = Math.floor(ms / 1000);
  const parts: string[] = [];
  for (const [name, size] of units) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 || parts.length > 0) parts.push(`${count}${name}`);
    if (parts.length === 2) break;
  }
  return parts.filter((part) => !part.startsWith('0')).join(' ') || '0s';
}

/** A count with its unit, singular for one: "1 second", "3 seconds". */
export function countOf(count: number, unit: string): string {
  return `${count} ${count === 1 ? unit : `${unit}s`}`;
}
