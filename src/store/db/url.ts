/** Where the archive is: DATABASE_URL, or PostgreSQL's default local address. */

/** Used when DATABASE_URL is not set: the local server, as its superuser, database `wirewatch` (created on first use). */
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/wirewatch';

/** The archive's URL for an environment: DATABASE_URL, else the local default. */
export function databaseUrl(env: NodeJS.ProcessEnv): string {
  return env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

/** The URL with its password masked, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^@/:]*):[^@/]*@/, '//$1:***@');
}

/** Checks DATABASE_URL's form, so a typo is one clear line and not a connection error later. */
export function checkDatabaseUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `DATABASE_URL is not a URL (${redactUrl(url)})`;
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') return `DATABASE_URL must start with postgres:// or postgresql:// (${parsed.protocol})`;
  if (!parsed.pathname || parsed.pathname === '/') return `DATABASE_URL names no database (${redactUrl(url)}): add /NAME`;
  return undefined;
}
