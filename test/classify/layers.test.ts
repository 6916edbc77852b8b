// The classifier's folders follow the flow of an article, and imports only point back along it:
// no file imports one of a later layer, and no import cycle exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..', 'src', 'classify');

/** Layers, earliest first; a file belongs to the first pattern its path starts with. */
const LAYERS: [string, number][] = [
  ['tokenize/normalize.ts', 0], ['query/ast.ts', 0],
  ['types.ts', 1],
  ['query/', 2], ['tokenize/', 2],
  ['compile/', 3],
  ['entities/', 4],
  ['judge/', 5],
  ['classify.ts', 6],
  ['explain/', 7],
  ['', 8], // index.ts and the re-exports kept at former paths
];

function layerOf(file: string): number {
  return LAYERS.find(([prefix]) => file.startsWith(prefix))![1];
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)[^'"]*from '(\.[^']+)'/gm)) {
    const target = resolve(dirname(path), m[1]!.replace(/\.js$/, '.ts'));
    if (target.startsWith(ROOT + '/')) out.push(relative(ROOT, target));
  }
  return out;
}

const graph = new Map(sources(ROOT).map((p) => [relative(ROOT, p), importsOf(p)]));

test('every import points to the same or an earlier layer of the flow', () => {
  assert.ok(graph.size > 30, `found ${graph.size} files`);
  const wrong: string[] = [];
  for (const [file, targets] of graph) {
    for (const t of targets) if (layerOf(t) > layerOf(file)) wrong.push(`${file} -> ${t}`);
  }
  assert.deepEqual(wrong, []);
});

test('no import cycle among the classifier files', () => {
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[] = [];
  const visit = (file: string, path: string[]): void => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') { cycles.push([...path.slice(path.indexOf(file)), file].join(' -> ')); return; }
    state.set(file, 'open');
    for (const t of graph.get(file) ?? []) visit(t, [...path, file]);
    state.set(file, 'done');
  };
  for (const file of graph.keys()) visit(file, []);
  assert.deepEqual(cycles, []);
});
