/**
 * `suggest --apply DIR2`: the whole config folder copied into DIR2 with the suggested
 * watchlists.yaml. The original folder is never written; DIR2 must be new or empty unless
 * forced, and may not be the original or lie inside it.
 */
import { cpSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { WirewatchError } from '../errors.js';

export class ApplyError extends WirewatchError {
  constructor(message: string) {
    super('suggest', message, { permanent: true });
  }
}

export function applyConfig(configDir: string, target: string, watchlistsYaml: string, force: boolean): void {
  const from = resolve(configDir), to = resolve(target);
  const rel = relative(from, to);
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) {
    throw new ApplyError(`--apply ${target} is the config folder or inside it; give another folder (the original is never touched)`);
  }
  if (existsSync(to)) {
    if (!statSync(to).isDirectory()) throw new ApplyError(`--apply ${target} exists and is not a folder`);
    if (readdirSync(to).length && !force) throw new ApplyError(`--apply ${target} exists and is not empty (add --force to write into it)`);
  }
  cpSync(from, to, { recursive: true, force: true });
  writeFileSync(join(to, 'watchlists.yaml'), watchlistsYaml);
}
