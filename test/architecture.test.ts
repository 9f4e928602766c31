import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** The import rule of docs/architecture.md, read off the real import graph of src/. */

const SRC = resolve(__dirname, '..', 'src');

type Layer =
  | 'core'
  | 'datadog'
  | 'source'
  | 'render'
  | 'slack'
  | 'sample'
  | 'cli'
  | 'log'
  | 'metrics'
  | 'store'
  | 'config'
  | 'root';

/** Which local layers each layer may import, and which packages. */
const RULES: Record<Layer, { layers: Layer[]; packages: RegExp }> = {
  core: { layers: ['core'], packages: /^node:/ },
  datadog: { layers: ['core', 'datadog'], packages: /^(node:|undici$|zod$|safe-stable-stringify$)/ },
  source: { layers: ['core', 'source'], packages: /^(node:|lru-cache$)/ },
  render: { layers: ['core', 'render'], packages: /^(node:|@slack\/types$)/ },
  slack: { layers: ['core', 'render', 'slack', 'config'], packages: /^(node:|@slack\/|undici$|zod$|lru-cache$)/ },
  sample: { layers: ['core', 'sample'], packages: /^node:/ },
  cli: { layers: ['core', 'render', 'cli', 'datadog', 'config', 'root'], packages: /^(node:|dotenv$)/ },
  log: { layers: ['core', 'log'], packages: /^(node:|pino$)/ },
  metrics: { layers: ['core', 'metrics'], packages: /^(node:|prom-client$)/ },
  store: { layers: ['core', 'store'], packages: /^(node:|better-sqlite3$|redis$|lru-cache$)/ },
  config: { layers: ['core', 'log', 'config'], packages: /^(node:|zod$)/ },
  root: {
    layers: [
      'core',
      'datadog',
      'render',
      'slack',
      'sample',
      'cli',
      'source',
      'log',
      'metrics',
      'store',
      'config',
      'root',
    ],
    packages: /./,
  },
};

function layerOf(file: string): Layer {
  const top = relative(SRC, file).split('/')[0]!;
  return (Object.keys(RULES) as Layer[]).find((layer) => layer !== 'root' && layer === top) ?? 'root';
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;

function importsOf(source: string): string[] {
  return [...source.matchAll(IMPORT)].map((match) => (match[1] ?? match[2])!);
}

/** Every import that breaks the rule, as `from → to`. */
function forbiddenArrows(file: string, source: string): string[] {
  const layer = layerOf(file);
  const rule = RULES[layer];
  return importsOf(source).flatMap((specifier) => {
    if (!specifier.startsWith('.'))
      return rule.packages.test(specifier) ? [] : [`${relative(SRC, file)} → ${specifier}`];
    const target = `${resolve(dirname(file), specifier)}.ts`;
    return rule.layers.includes(layerOf(target)) ? [] : [`${relative(SRC, file)} → ${relative(SRC, target)}`];
  });
}

test('every import in src/ follows the layer rule of docs/architecture.md', () => {
  const files = sourceFiles(SRC);
  expect(files.length).toBeGreaterThan(30);
  const broken = files.flatMap((file) => forbiddenArrows(file, readFileSync(file, 'utf8')));
  expect(broken).toEqual([]);
});

test('the checker catches each kind of forbidden arrow', () => {
  const at = (path: string) => join(SRC, path);
  expect(forbiddenArrows(at('core/x.ts'), "import { renderRun } from '../render/runReply';")).toEqual([
    'core/x.ts → render/runReply.ts',
  ]);
  expect(forbiddenArrows(at('core/x.ts'), "import type { KnownBlock } from '@slack/types';")).toEqual([
    'core/x.ts → @slack/types',
  ]);
  expect(forbiddenArrows(at('datadog/x.ts'), "import type { DatadogConfig } from '../config';")).toEqual([
    'datadog/x.ts → config.ts',
  ]);
  expect(forbiddenArrows(at('render/x.ts'), "import { createSlackApp } from '../slack/app';")).toEqual([
    'render/x.ts → slack/app.ts',
  ]);
  expect(forbiddenArrows(at('render/x.ts'), "export { COMMAND } from '../slack/ids';")).toEqual([
    'render/x.ts → slack/ids.ts',
  ]);
  expect(forbiddenArrows(at('render/x.ts'), "import { z } from 'zod';")).toEqual(['render/x.ts → zod']);
  expect(forbiddenArrows(at('slack/x.ts'), "import { startBot } from '../wiring';")).toEqual([
    'slack/x.ts → wiring.ts',
  ]);
  expect(forbiddenArrows(at('core/x.ts'), "import 'undici';")).toEqual(['core/x.ts → undici']);
  expect(forbiddenArrows(at('store/x.ts'), "import { LRUCache } from 'lru-cache';")).toEqual([]);
  expect(forbiddenArrows(at('source/x.ts'), "import type { BotMetrics } from '../metrics/metrics';")).toEqual([
    'source/x.ts → metrics/metrics.ts',
  ]);
  expect(forbiddenArrows(at('core/x.ts'), "import pino from 'pino';")).toEqual(['core/x.ts → pino']);
  expect(forbiddenArrows(at('metrics/x.ts'), "import type { App } from '@slack/bolt';")).toEqual([
    'metrics/x.ts → @slack/bolt',
  ]);
  expect(forbiddenArrows(at('source/x.ts'), "import { DatadogClient } from '../datadog/client';")).toEqual([
    'source/x.ts → datadog/client.ts',
  ]);
  expect(forbiddenArrows(at('source/x.ts'), "import { LRUCache } from 'lru-cache';")).toEqual([]);
  expect(forbiddenArrows(at('store/x.ts'), "import { renderRun } from '../render/runReply';")).toEqual([
    'store/x.ts → render/runReply.ts',
  ]);
  expect(forbiddenArrows(at('core/x.ts'), "import { createClient } from 'redis';")).toEqual(['core/x.ts → redis']);
});
