/**
 * The archive's connection: a pg pool whose connections all work in the deployment's own
 * PostgreSQL schema, with the schema brought up to date (migrate.ts) before the first query.
 * Every query goes through here, so a down server becomes one ArchiveUnavailableError that
 * names the address, and a job that meets it waits and retries like one that met a down Redis.
 */
import pg from 'pg';
import { ArchiveUnavailableError } from '../../errors.js';
import { redactUrl } from './url.js';
import { applyMigrations, type MigrationReport } from './migrate.js';

export interface DatabaseOptions {
  /** postgres:// URL. */
  url: string;
  /** The PostgreSQL schema the tables live in (see schemaFor). */
  schema: string;
  /** Pool size. Default 10. */
  max?: number;
  /** Apply pending migrations on first use. Default true (`wirewatch migrate --status` says false). */
  migrate?: boolean;
}

/** Something that runs SQL: the pool, or one client inside a transaction. */
export interface Queryable {
  query<R extends pg.QueryResultRow = Record<string, unknown>>(text: string | pg.QueryConfig, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

/** SQLSTATEs that mean the server, not the statement, is the trouble: retry later. */
const UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300', '3D000']);

/** The schema a key prefix maps to: lower case, letters, digits and underscores. */
export function schemaFor(prefix: string): string {
  const s = prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  return /^[a-z_]/.test(s) ? s : `ww_${s}`;
}

export class Database implements Queryable {
  readonly pool: pg.Pool;
  readonly schema: string;
  readonly url: string;
  private ready: Promise<MigrationReport> | undefined;
  private readonly migrate: boolean;

  constructor(options: DatabaseOptions) {
    if (!/^[a-z_][a-z0-9_]*$/.test(options.schema)) throw new ArchiveUnavailableError(`invalid schema name "${options.schema}"`);
    this.schema = options.schema;
    this.url = options.url;
    this.migrate = options.migrate ?? true;
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: options.max ?? 10,
      options: `-c search_path=${options.schema}`,
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 10_000,
      // An idle pool never keeps a CLI command or a test file alive.
      allowExitOnIdle: true,
    });
    // An idle client whose server went away must not crash the process; the next query reports it.
    this.pool.on('error', () => {});
  }

  /** Applies pending migrations once per process (under a lock shared by every process). */
  prepare(): Promise<MigrationReport> {
    if (!this.migrate) return Promise.resolve({ applied: [], current: 0 });
    this.ready ??= applyMigrations(this.pool, this.schema).catch((err) => {
      this.ready = undefined; // a server that was down may be up next time
      throw this.wrap(err);
    });
    return this.ready;
  }

  async query<R extends pg.QueryResultRow = Record<string, unknown>>(text: string | pg.QueryConfig, values?: unknown[]): Promise<pg.QueryResult<R>> {
    await this.prepare();
    try {
      return await this.pool.query<R>(text as string, values);
    } catch (err) {
      throw this.wrap(err);
    }
  }

  /** Runs `work` in one transaction on one client; rolled back if it throws. */
  async tx<T>(work: (q: Queryable) => Promise<T>): Promise<T> {
    await this.prepare();
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw this.wrap(err);
    }
    try {
      await client.query('BEGIN');
      const out = await work(client);
      await client.query('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw this.wrap(err);
    } finally {
      client.release();
    }
  }

  /** Drops the deployment's schema (tests, benchmarks, uninstalls); the next query migrates again. */
  async dropSchema(): Promise<void> {
    try {
      await this.pool.query(`DROP SCHEMA IF EXISTS "${this.schema}" CASCADE`);
    } catch (err) {
      throw this.wrap(err);
    }
    this.ready = undefined;
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => {});
  }

  /** A connection-level failure becomes ArchiveUnavailableError; a statement's own error stays as it is. */
  private wrap(err: unknown): unknown {
    if (err instanceof ArchiveUnavailableError) return err;
    const code = (err as { code?: string }).code;
    const message = err instanceof Error ? err.message : String(err);
    const connection = code === undefined ? /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|timeout|terminat|Connection/i.test(message) : UNAVAILABLE.has(code);
    if (!connection) return err;
    return new ArchiveUnavailableError(`PostgreSQL at ${redactUrl(this.url)} is not available (${code ?? message})`, err);
  }
}
