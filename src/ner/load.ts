/**
 * Loads the shipped model once per process, on first use. The file sits beside the sources
 * (src/ner/model/); a compiled build looks there too, through the package root.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { FastModel } from './fast.js';
import { decodeModel, type ModelContent, type ModelHeader } from './model.js';
import { NerModelError } from './types.js';

export const MODEL_FILE = 'conll2003-en.ner.gz';

export interface LoadedModel extends ModelContent {
  /** The weights in the run-time layout, with the process's cached sums. */
  fast: FastModel;
  path: string;
  bytes: number;
  loadMs: number;
}

let cached: LoadedModel | undefined;
let loads = 0;

function modelPath(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  // Beside the sources; from a compiled build (dist/ner or dist/src/ner), in the package's src/ner/model.
  const candidates = [join(here, 'model', MODEL_FILE), join(here, '..', '..', 'src', 'ner', 'model', MODEL_FILE), join(here, '..', '..', '..', 'src', 'ner', 'model', MODEL_FILE)];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new NerModelError(`model file ${MODEL_FILE} not found (looked in ${candidates.join(', ')}); run npm run train:ner`);
  return found;
}

/** Reads and decodes a model file (no caching: for tests and tools that load another file). */
export function readNerModel(path: string): LoadedModel {
  const t0 = performance.now();
  const file = readFileSync(path);
  const content = decodeModel(file);
  const fast = new FastModel(content.stages, content.resources);
  return { ...content, fast, path, bytes: file.length, loadMs: performance.now() - t0 };
}

/** The shipped model, loaded on the first call and kept for the life of the process. */
export function loadNerModel(): LoadedModel {
  if (cached) return cached;
  cached = readNerModel(modelPath());
  loads++;
  return cached;
}

/** How many times this process has loaded the shipped model (0 or 1), and its header once loaded. */
export function nerModelInfo(): { loads: number; loadMs: number | null; bytes: number | null; header: ModelHeader | null } {
  return { loads, loadMs: cached?.loadMs ?? null, bytes: cached?.bytes ?? null, header: cached?.header ?? null };
}
