/**
 * Hot reload: watches the config folder and, when a file changes, loads and validates the
 * whole config again. A valid one is handed to `onChange`; an invalid one is refused with its
 * errors and the running config stays as it was.
 */
import { watch, type FSWatcher } from 'node:fs';
import { ConfigError } from '../errors.js';
import { loadConfig } from './load.js';
import type { Config } from './schema.js';

export interface WatchConfigOptions {
  env?: NodeJS.ProcessEnv;
  /** Quiet time after the last change before reloading (editors write in bursts). Default 300 ms. */
  debounceMs?: number;
  onChange(config: Config): void | Promise<void>;
  onError(err: ConfigError | Error): void;
}

export function watchConfig(dir: string, options: WatchConfigOptions): { close(): void } {
  let timer: NodeJS.Timeout | undefined;
  const reload = async () => {
    let config: Config;
    try {
      config = loadConfig(dir, { env: options.env });
    } catch (err) {
      options.onError(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    try {
      await options.onChange(config);
    } catch (err) {
      options.onError(err instanceof Error ? err : new Error(String(err)));
    }
  };
  const watcher: FSWatcher = watch(dir, (_event, file) => {
    if (file && !/\.ya?ml$/.test(String(file))) return;
    clearTimeout(timer);
    timer = setTimeout(reload, options.debounceMs ?? 300);
  });
  return { close: () => { clearTimeout(timer); watcher.close(); } };
}
