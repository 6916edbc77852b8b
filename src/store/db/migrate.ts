/**
 * Brings a schema up to date: every migration not yet recorded in schema_migrations is applied
 * in its own transaction, in order, while holding a session advisory lock on the schema's
 * name, so two processes starting at once apply each migration once (the second waits, then
 * finds nothing left to do). A missing database is created first (an empty server just works).
 */
import pg from 'pg';
import { MIGRATIONS } from './migrations.js';

export interface MigrationReport {
  /** Versions applied by this call. */
  applied: number[];
  /** The schema's version afterwards. */
  current: number;
}

const LOCK_SQL = `SELECT pg_advisory_lock(hashtext('wirewatch-migrate:' || $1))`;
const UNLOCK_SQL = `SELECT pg_advisory_unlock(hashtext('wirewatch-migrate:' || $1))`;

async function connectCreating(pool: pg.Pool): Promise<pg.PoolClient> {
  try {
    return await pool.connect();
  } catch (err) {
    if ((err as { code?: string }).code !== '3D000') throw err;
    await createDatabase((pool.options as { connectionString: string }).connectionString);
    return pool.connect();
  }
}

/** CREATE DATABASE for the database a URL names, through the server's `postgres` database. */
export async function createDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  target.pathname = '/postgres';
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } catch (err) {
    if ((err as { code?: string }).code !== '42P04') throw err; // created meanwhile by another process
  } finally {
    await client.end();
  }
}

export async function applyMigrations(pool: pg.Pool, schema: string): Promise<MigrationReport> {
  const client = await connectCreating(pool);
  try {
    await client.query(LOCK_SQL, [schema]);
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await client.query(`CREATE TABLE IF NOT EXISTS "${schema}".schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const done = new Set((await client.query<{ version: number }>(`SELECT version FROM "${schema}".schema_migrations`)).rows.map((r) => r.version));
      const applied: number[] = [];
      for (const m of MIGRATIONS) {
        if (done.has(m.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(`SET LOCAL search_path = "${schema}"`);
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK').catch(() => {});
          throw new Error(`archive: migration ${m.version} (${m.name}) failed: ${(err as Error).message}`, { cause: err });
        }
        applied.push(m.version);
      }
      return { applied, current: Math.max(0, ...done, ...applied) };
    } finally {
      await client.query(UNLOCK_SQL, [schema]).catch(() => {});
    }
  } finally {
    client.release();
  }
}
