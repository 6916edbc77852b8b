/** Builds config folders for tests: YAML written to a temp dir, then loaded like a user's. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';

export interface ConfigFiles {
  feeds?: string;
  watchlists?: string;
  digests?: string;
}

const EMPTY = { feeds: 'feeds: []\n', watchlists: 'watchlists: {}\n', digests: 'channels: {}\n' };

export function writeConfigDir(files: ConfigFiles, dir = mkdtempSync(join(tmpdir(), 'ww-config-'))): string {
  writeFileSync(join(dir, 'feeds.yaml'), files.feeds ?? EMPTY.feeds);
  writeFileSync(join(dir, 'watchlists.yaml'), files.watchlists ?? EMPTY.watchlists);
  writeFileSync(join(dir, 'digests.yaml'), files.digests ?? EMPTY.digests);
  return dir;
}

export function makeConfig(files: ConfigFiles, env: NodeJS.ProcessEnv = {}): Config {
  return loadConfig(writeConfigDir(files), { env });
}
