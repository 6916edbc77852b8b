/**
 * `wirewatch dashboard`: the ops dashboard alone, against the store and queues (no workers,
 * no scheduler), until SIGINT or SIGTERM. `wirewatch start` runs the same server in-process.
 */
import { loadConfig } from '../config/load.js';
import { startDashboard } from '../dashboard/server.js';
import { UsageError } from '../errors.js';
import { createLogger } from '../log.js';
import { startPipeline } from '../pipeline.js';
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
  // A pipeline with no queues to work and no schedules to sync: store, queues and live config only.
  const pipeline = await startPipeline({
    config, redisUrl: redis.url, prefix: io.env.WIREWATCH_PREFIX, log, env: io.env, stdout: io.stdout,
    scheduler: false, queues: [], watch: true,
  });
  const dashboard = await startDashboard({ ctx: pipeline.ctx, host, port, log, env: io.env }).catch(async (err) => {
    await pipeline.stop();
    throw err;
  });
  io.stderr.write(`wirewatch dashboard: ${dashboard.url}\n`);
  await waitForSignal();
  await dashboard.close();
  await pipeline.stop();
  return 0;
}

function parsePortOption(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || n > 65535) throw new UsageError(`--port must be a port number (got "${String(value)}")`);
  return n;
}


export default command;
