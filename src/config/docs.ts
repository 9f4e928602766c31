import { GROUPS, type Group, SETTINGS, type Setting } from './settings';

/** `.env.example` and docs/configuration.md, written from the declarations (`npm run docs`; a test keeps them current). */

const WIDTH = 110;

/** A setting's value when it is not set, as it would be written in .env: 1/0 for flags, empty for none. */
export function defaultText(setting: Setting): string {
  const parsed = setting.schema.safeParse(undefined);
  if (!parsed.success || parsed.data === undefined) return '';
  if (typeof parsed.data === 'boolean') return parsed.data ? '1' : '0';
  if (Array.isArray(parsed.data)) return parsed.data.join(',');
  return String(parsed.data);
}

function wrapped(text: string, prefix: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && prefix.length + line.length + 1 + word.length > WIDTH) {
      lines.push(prefix + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...lines, prefix + line] : lines;
}

const groupSettings = (group: Group) => Object.values(SETTINGS[group]) as Setting[];

export function envExample(): string {
  const head = [
    '# dd-instance settings. Copy to .env (never commit .env) and fill in. Every value is checked at start-up;',
    '# a bad or missing one stops the bot with a message naming it (never showing its value).',
    '# Written by `npm run docs` from src/config/settings.ts: change the declaration, not this file.',
  ];
  const sections = (Object.keys(GROUPS) as Group[]).map((group) => [
    '',
    `# --- ${GROUPS[group]} ---`,
    ...groupSettings(group).flatMap((setting) => [
      ...wrapped(setting.doc, '# '),
      `${setting.env}=${setting.secret ? '' : defaultText(setting)}`,
    ]),
  ]);
  return `${[...head, ...sections.flat()].join('\n')}\n`;
}

const cell = (text: string) => text.replaceAll('|', '\\|');

export function configurationDoc(): string {
  const toc = (Object.keys(GROUPS) as Group[]).map((group) => `- [${GROUPS[group].split(' (')[0]}](#${group})`);
  const sections = (Object.keys(GROUPS) as Group[]).flatMap((group) => [
    '',
    `<a id="${group}"></a>`,
    `## ${GROUPS[group]}`,
    '',
    '| variable | default | |',
    '|---|---|---|',
    ...groupSettings(group).map((setting) => {
      const fallback = defaultText(setting);
      return `| \`${setting.env}\` | ${fallback ? `\`${cell(fallback)}\`` : ''} | ${cell(setting.doc)} |`;
    }),
  ]);
  return `${[
    '# Configuration',
    '',
    'Written by `npm run docs` from `src/config/settings.ts`: change the declaration, not this page.',
    '',
    'Every setting is an environment variable (or a line in `.env`; see [.env.example](../.env.example)). All are',
    'checked at start-up: a missing or invalid one stops the bot with one message naming each bad variable and why,',
    'never its value. Empty means unset.',
    '',
    ...toc,
    ...sections,
  ].join('\n')}\n`;
}
