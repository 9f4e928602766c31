import type { Reply } from './reply';

/** A reply as terminal text, for the demo and the CLI: the same blocks Slack gets, read without Slack. */

export interface TerminalOptions {
  /** ANSI colour and bold; off gives plain text. */
  color?: boolean;
  /** The zone `<!date^…>` times are shown in; the machine's own when unset. */
  timeZone?: string;
}

type Style = 'bold' | 'dim' | 'italic' | 'code' | 'codeBlock' | 'link';

const ANSI: Record<Style, [string, string]> = {
  bold: ['\x1b[1m', '\x1b[22m'],
  dim: ['\x1b[2m', '\x1b[22m'],
  italic: ['\x1b[3m', '\x1b[23m'],
  code: ['\x1b[36m', '\x1b[39m'],
  link: ['\x1b[4;34m', '\x1b[24;39m'],
  codeBlock: ['\x1b[31m', '\x1b[39m'],
};

/** The shortcodes the bot's replies use; any other `:name:` is left as typed. */
const EMOJI: Record<string, string> = {
  white_check_mark: '✅',
  hourglass_flowing_sand: '⏳',
  hourglass: '⌛',
  x: '❌',
  rotating_light: '🚨',
  no_entry_sign: '🚫',
  grey_question: '❔',
  white_circle: '⚪',
  fast_forward: '⏩',
  mag: '🔍',
  warning: '⚠️',
  lock: '🔒',
  stopwatch: '⏱️',
  bar_chart: '📊',
  electric_plug: '🔌',
  test_tube: '🧪',
  globe_with_meridians: '🌐',
  gear: '⚙️',
};

// Control characters from Datadog text could move the cursor or recolour the terminal; tab and newline stay.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this regex's purpose.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const CODE_BLOCK = /```\n?([\s\S]*?)\n?```/g;
const INLINE_CODE = /`([^`\n]+)`/g;
const SLACK_DATE = /<!date\^(\d+)\^[^|>]*(?:\|([^>]*))?>/g;
const LINK = /<((?:https?|mailto):[^|>\s]+)(?:\|([^>]*))?>/g;
const BOLD = /(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?![\w*])/g;
const ITALIC = /(^|[^\w])_(?=\S)([^_\n]*?\S)_(?!\w)/g;
const SHORTCODE = /:([a-z0-9_+-]+):/g;
// Private-use characters hold code while the rest is rewritten, so nothing inside code is touched.
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

function unescapeMrkdwn(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function styler(color: boolean) {
  return (style: Style, text: string) => (color ? `${ANSI[style][0]}${text}${ANSI[style][1]}` : text);
}

function localTime(unixSeconds: number, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(new Date(unixSeconds * 1000));
}

/** Slack mrkdwn as terminal text: styles, links as "label (url)", dates in local time, emoji, and Slack's escapes undone. */
export function mrkdwnToTerminal(mrkdwn: string, options: TerminalOptions = {}): string {
  const style = styler(options.color ?? false);
  const held: string[] = [];
  const hold = (text: string) => `\uE000${held.push(text) - 1}\uE001`;
  let text = mrkdwn.replace(CONTROL, '').replace(PLACEHOLDER, '');
  text = text.replace(CODE_BLOCK, (_all, body: string) =>
    hold(
      unescapeMrkdwn(body)
        .split('\n')
        .map((line) => `    ${style('codeBlock', line)}`)
        .join('\n'),
    ),
  );
  text = text.replace(INLINE_CODE, (_all, body: string) => hold(style('code', unescapeMrkdwn(body))));
  text = text.replace(SLACK_DATE, (_all, unix: string) => hold(localTime(Number(unix), options.timeZone)));
  text = text.replace(LINK, (_all, url: string, label?: string) =>
    hold(label && label !== url ? `${unescapeMrkdwn(label)} (${style('link', url)})` : style('link', url)),
  );
  text = text
    .replace(BOLD, (_all, before: string, body: string) => `${before}${style('bold', body)}`)
    .replace(ITALIC, (_all, before: string, body: string) => `${before}${style('italic', body)}`)
    .replace(SHORTCODE, (all, name: string) => EMOJI[name] ?? all);
  return unescapeMrkdwn(text).replace(PLACEHOLDER, (_all, index: string) => held[Number(index)] ?? '');
}

interface TextObject {
  type?: string;
  text?: string;
}

interface BlockElement extends TextObject {
  url?: string;
}

interface AnyBlock {
  type: string;
  text?: TextObject;
  fields?: TextObject[];
  elements?: BlockElement[];
}

/** A field such as "*Status*\n✅ Succeeded" reads best as one "Status: ✅ Succeeded" line. */
function fieldLine(field: TextObject, options: TerminalOptions): string {
  const [label, ...rest] = (field.text ?? '').split('\n');
  const labelMatch = /^\*([^*]+)\*$/.exec(label ?? '');
  if (!labelMatch || rest.length === 0) return objectText(field, options);
  const value = mrkdwnToTerminal(rest.join('\n'), options).replace(/\n/g, '\n  ');
  return `${styler(options.color ?? false)('bold', `${labelMatch[1]}:`)} ${value}`;
}

function objectText(object: TextObject | undefined, options: TerminalOptions): string {
  if (!object?.text) return '';
  return object.type === 'plain_text' ? object.text.replace(CONTROL, '') : mrkdwnToTerminal(object.text, options);
}

function blockText(block: AnyBlock, options: TerminalOptions): string | undefined {
  const style = styler(options.color ?? false);
  switch (block.type) {
    case 'header':
      return style('bold', objectText(block.text, options));
    case 'section':
      return [objectText(block.text, options), ...(block.fields ?? []).map((field) => fieldLine(field, options))]
        .filter(Boolean)
        .join('\n');
    case 'context':
      return style('dim', (block.elements ?? []).map((element) => objectText(element, options)).join('  '));
    case 'actions': {
      // Only links work outside Slack; interactive buttons are left out.
      const links = (block.elements ?? []).filter((element) => element.url);
      return links.length > 0
        ? links
            .map((element) => `→ ${objectText(element.text as TextObject, options)}: ${style('link', element.url!)}`)
            .join('\n')
        : undefined;
    }
    case 'divider':
      return style('dim', '─'.repeat(40));
    default:
      return undefined;
  }
}

/** The whole reply, a blank line between blocks; the plain `text` fallback when there are no blocks. */
export function renderTerminal(reply: Pick<Reply, 'text' | 'blocks'>, options: TerminalOptions = {}): string {
  const blocks = reply.blocks as unknown as AnyBlock[];
  if (blocks.length === 0) return mrkdwnToTerminal(reply.text, options);
  return blocks
    .map((block) => blockText(block, options))
    .filter((text): text is string => text !== undefined && text !== '')
    .join('\n\n');
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function colorWanted(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): boolean {
  return stream.isTTY === true && !env.NO_COLOR;
}
