/** The archive for commands that read or change it: DATABASE_URL (or the local default) and the deployment's schema. */
import { UsageError } from '../errors.js';
import { Database, schemaFor } from '../store/db/database.js';
import { parseTimeBound } from '../config/units.js';
import { checkDatabaseUrl, databaseUrl } from '../store/db/url.js';

export function openDatabase(env: NodeJS.ProcessEnv, options: { migrate?: boolean } = {}): Database {
  const url = databaseUrl(env);
  const problem = checkDatabaseUrl(url);
  if (problem) throw new UsageError(problem);
  return new Database({ url, schema: schemaFor(env.WIREWATCH_PREFIX || 'ww'), max: 4, ...options });
}

/** `30d`, `24h`, `90m` (before now) or an ISO date/time, as epoch ms; `what` names the option in the error. */
export function parseWhen(value: string, what: string, now = Date.now()): number {
  const at = parseTimeBound(value, now);
  if (at === undefined) throw new UsageError(`${what} "${value}" is not a time: expected 30d, 24h, 90m or an ISO date such as 2026-12-01`);
  return at;
}
