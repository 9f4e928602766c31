/**
 * How long the parsers take on 100 KB of hostile text: the shapes that make a backtracking regex quadratic
 * (unclosed Slack links and labels, runs of hex and dashes, labels without IDs). Prints numbers, asserts nothing.
 */

import { parseCommandText } from '../src/core/commandText';
import { messageText } from '../src/core/messageText';
import { findRunRefs } from '../src/core/runRefs';

const SIZE = 100_000;
const SHAPES: Record<string, string> = {
  'unclosed links <http://': '<http://',
  'unclosed labels <http://a|': '<http://a|',
  'nested <http://a|<': '<http://a|<',
  'hex and dashes': 'abcdef0123-',
  'labels without IDs': 'workflow instance_id ',
  'run links without close': 'https://app.datadoghq.com/workflow/ccf73164-1998-4785-a7a3-8d06c7e5f558?instance=',
  'spaces and punctuation': ' .,;:!?)"\' ',
};

function timed(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

for (const [name, shape] of Object.entries(SHAPES)) {
  const text = shape.repeat(Math.ceil(SIZE / shape.length)).slice(0, SIZE);
  const message = { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  const refs = timed(() => findRunRefs(text));
  const shortcut = timed(() => findRunRefs(messageText(message)));
  const command = timed(() => parseCommandText(text.slice(0, 4000)));
  console.log(
    `${name.padEnd(28)} findRunRefs 100 KB ${refs.toFixed(1).padStart(7)} ms · shortcut message 200 KB ${shortcut.toFixed(1).padStart(7)} ms · command 4,000 chars ${command.toFixed(2).padStart(6)} ms`,
  );
}
