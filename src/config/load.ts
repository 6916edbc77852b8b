/**
 * Loads and validates the config folder: feeds.yaml, watchlists.yaml and digests.yaml.
 * Every problem in every file is collected and thrown together as one ConfigError, each
 * located at file:line:col, so one run of check-config shows everything to fix.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, type ConfigProblem } from '../errors.js';
import { checkQueries, checkWeightless } from './check-queries.js';
import { crossCheck } from './cross-check.js';
import { ownRecords } from './lookup.js';
import { registerConfigSecrets } from './secrets.js';
import { digestsFileSchema, feedsFileSchema, watchlistsFileSchema, type Config } from './schema.js';
import { validateFile } from './validate-file.js';
import { YamlSource } from './yaml-source.js';

export const CONFIG_FILES = ['feeds.yaml', 'watchlists.yaml', 'digests.yaml'] as const;

export interface LoadOptions {
  /** Environment for ${NAME} interpolation. Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Given, receives what loads but probably does not do what was meant (check-config prints it). */
  warnings?: ConfigProblem[];
}

export function loadConfig(dir: string, options: LoadOptions = {}): Config {
  const env = options.env ?? process.env;
  const absDir = resolve(dir);
  if (!existsSync(absDir) || !statSync(absDir).isDirectory()) {
    throw new ConfigError([{ file: dir, line: 1, col: 1, message: `config folder not found (expected ${CONFIG_FILES.join(', ')} in it)` }]);
  }
  const problems: ConfigProblem[] = [];
  const read = (name: string) => readSource(dir, name, env, problems);
  const sources = { feeds: read('feeds.yaml'), watchlists: read('watchlists.yaml'), digests: read('digests.yaml') };
  if (problems.length) throw new ConfigError(problems);

  const feeds = validateFile(sources.feeds!, feedsFileSchema);
  const watchlists = validateFile(sources.watchlists!, watchlistsFileSchema);
  const digests = validateFile(sources.digests!, digestsFileSchema);
  problems.push(...feeds.problems, ...watchlists.problems, ...digests.problems);
  if (watchlists.value) problems.push(...checkQueries(watchlists.value, sources.watchlists!));
  problems.push(...crossCheck(
    { feeds: feeds.value, watchlists: watchlists.value, digests: digests.value },
    { feeds: sources.feeds!, digests: sources.digests! },
  ));
  if (problems.length) throw new ConfigError(problems);
  options.warnings?.push(...checkWeightless(watchlists.value!, sources.watchlists!));
  resolveFileUrls(feeds.value!, absDir);
  const config = { dir: absDir, feeds: feeds.value!, watchlists: watchlists.value!, digests: digests.value! };
  ownRecords(config);
  registerConfigSecrets(config);
  return config;
}

function readSource(dir: string, name: string, env: NodeJS.ProcessEnv, problems: ConfigProblem[]): YamlSource | undefined {
  // Named as the user wrote the folder, so messages match what they typed.
  const path = join(dir, name);
  const label = path;
  if (!existsSync(path)) {
    problems.push({ file: label, line: 1, col: 1, message: `file not found (every config folder needs ${CONFIG_FILES.join(', ')})` });
    return undefined;
  }
  let parsed: ReturnType<typeof YamlSource.read>;
  try {
    parsed = YamlSource.read(path, label);
  } catch (err) {
    // Not a readable file (a folder, no permission) or YAML the parser gives up on (an alias bomb).
    problems.push({ file: label, line: 1, col: 1, message: `cannot read: ${(err as Error).message}` });
    return undefined;
  }
  const { source, problems: syntax } = parsed;
  problems.push(...syntax, ...source.reservedKeys());
  if (syntax.length === 0) problems.push(...source.interpolate(env));
  return source;
}

/** `file:feeds/x.xml` (no slashes) is relative to the config folder, so the shipped config runs from anywhere. */
function resolveFileUrls(feeds: Config['feeds'], dir: string): void {
  for (const feed of feeds.feeds) {
    if (feed.url.startsWith('file:') && !feed.url.startsWith('file:/')) {
      feed.url = pathToFileURL(join(dir, decodeURIComponent(feed.url.slice('file:'.length)))).href;
    }
  }
}
