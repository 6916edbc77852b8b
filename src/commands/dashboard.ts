/**
 * `wirewatch dashboard`: the ops dashboard alone, on a context of its own (store, queues,
 * config), until SIGINT or SIGTERM. It runs no job and sends no mail: a retry enqueues a job for
 * the workers. `wirewatch start` runs the same server in-process.
 */
import { loadConfig } from '../config/load.js';
import { startDashboard } from '../dashboard/server.js';
import { UsageError } from '../errors.js';
import { createLogger } from '../log.js';
import { openDashboardContext } from '../dashboard/context.js';
import { configDir, type Command, type CommandIO, type ParsedArgs } from './command.js';
import { resolveRedis } from './redis-url.js';
import { waitForSignal } from './signals.js';

const command: Command = {
  name: 'dashboard',
  summary: 'the ops dashboard alone (pages, API, /metrics), no workers',
  usage: 'wirewatch dashboard [--config DIR] [--port N] [--host H]   (token: DASHBOARD_TOKEN)',
  options: { port: { type: 'string' }, host: { type: 'string' } },
  run: runDashboard,
};

async function runDashboard(args: ParsedArgs, io: CommandIO): Promise<number> {
  const config = loadConfig(configDir(args), { env: io.env });
  const port = parsePortOption(args.values.port);
  const host = typeof args.values.host === 'string' ? args.values.host : undefined;
  const redis = await resolveRedis(io.env, { allowEmbedded: false });
  const log = createLogger({ destination: io.stdout });
  // Its own store, queues and config: it reads them and enqueues jobs, and runs none.
  const ctx = openDashboardContext({ config, redisUrl: redis.url, prefix: io.env.WIREWATCH_PREFIX, log, env: io.env });
  const dashboard = await startDashboard({ ctx, host, port, log, env: io.env }).catch(async (err) => {
    await ctx.close();
    throw err;
  });
  io.stderr.write(`wirewatch dashboard: ${dashboard.url}\n`);
  await waitForSignal();
  await dashboard.close();
  await ctx.close();
  return 0;
}

function parsePortOption(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || n > 65535) throw new UsageError(`--port must be a port number (got "${String(value)}")`);
  return n;
}


export default command;
