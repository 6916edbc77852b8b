/**
 * The config a running process works from, with its compiled classifier. Workers read
 * `current()` at the start of each job, so a reload swaps both at once for the next job and
 * never changes the rules under a job that is running.
 */
import { compileWatchlists, type Classifier } from '../classify/index.js';
import type { Config } from './schema.js';
import { watchlistVersions } from './watchlist-version.js';

export interface Runtime {
  config: Config;
  classifier: Classifier;
  /** Each watch-list's version hash (watchlist-version.ts). */
  versions: ReadonlyMap<string, string>;
  /** Increments on each successful reload. */
  generation: number;
}

export class LiveConfig {
  private runtime: Runtime;

  constructor(config: Config) {
    this.runtime = { config, classifier: compileWatchlists(config.watchlists), versions: watchlistVersions(config.watchlists), generation: 1 };
  }

  current(): Runtime {
    return this.runtime;
  }

  /** Swaps in a config that has already been loaded and validated. */
  replace(config: Config): Runtime {
    this.runtime = { config, classifier: compileWatchlists(config.watchlists), versions: watchlistVersions(config.watchlists), generation: this.runtime.generation + 1 };
    return this.runtime;
  }
}
