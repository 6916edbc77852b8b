/**
 * `wirewatch start`: scheduler, workers and dashboard in one process, until SIGINT or SIGTERM.
 * `wirewatch worker` and `wirewatch scheduler` run parts of it, for scaling out.
 */
import { loadConfig } from '../config/load.js';
import { startDashboard, type DashboardContext } from '../dashboard/server.js';
import { UsageError } from '../errors.js';
import { ALL_QUEUES, type QueueName } from '../jobs/definitions.js';
import { createLogger } from '../log.js';
import { startPipeline, type Pipeline } from '../pipeline.js';
import { configDir, type Command, type CommandIO, type ParsedArgs } from './command.js';
import { resolveRedis, type ResolvedRedis } from './redis-url.js';
import { stopped, stopSignal } from './signals.js';
import type { Config } from '../config/schema.js';

export type Role = 'all' | 'worker' | 'scheduler';

export function makeRunCommand(role: Role): Command {
  return {
    name: role === 'all' ? 'start' : role,
    summary: role === 'all' ? 'scheduler + workers + dashboard in one process' : role === 'worker' ? 'workers only' : 'scheduler only',
    usage: `wirewatch ${role === 'all' ? 'start' : role} [--config DIR]${role === 'worker' ? ' [--queues poll-feed,process-article,...]' : ''} [--no-dashboard]`,
    options: { 'no-dashboard': { type: 'boolean', default: false }, ...(role === 'worker' ? { queues: { type: 'string' } } : {}) },
    run: (args, io) => runPipeline(role, args, io),
  };
}

async function runPipeline(role: Role, args: ParsedArgs, io: CommandIO): Promise<number> {
  const config = loadConfig(configDir(args), { env: io.env });
  const queues = parseQueues(args.values.queues);
  const say = (line: string) => io.stderr.write(line + '\n');
  const stop = stopSignal();
  try {
    // start needs Redis now (or starts its own); a worker or scheduler, started beside Redis in a
    // deployment, waits for it instead, and a signal meanwhile ends it cleanly.
    const redis = role === 'all'
      ? await resolveRedis(io.env, { allowEmbedded: true, say })
      : await resolveRedis(io.env, { allowEmbedded: false, say, waitUntil: stop.signal });
    if (!redis) return 0;
    return await runWith(role, config, queues, redis, args, io, stop.signal);
  } finally {
    stop.dispose();
  }
}

async function runWith(role: Role, config: Config, queues: QueueName[], redis: ResolvedRedis, args: ParsedArgs, io: CommandIO, stop: AbortSignal): Promise<number> {
  const log = createLogger({ destination: io.stdout });
  const pipeline = await startPipeline({
    config, redisUrl: redis.url, prefix: io.env.WIREWATCH_PREFIX, log, env: io.env, stdout: io.stdout,
    scheduler: role !== 'worker', queues: role === 'scheduler' ? [] : queues, watch: true,
  }).catch(async (err) => { await redis.embedded?.stop(); throw err; });
  // start serves the whole dashboard; a worker or scheduler given DASHBOARD_PORT serves only
  // /metrics and the health checks, so every process can be scraped.
  const wantsDashboard = !args.values['no-dashboard'] && (role === 'all' || Boolean(io.env.DASHBOARD_PORT));
  const dashboard = wantsDashboard
    ? await startDashboard({ ctx: dashboardContext(pipeline), log, env: io.env, pages: role === 'all' }).catch(async (err) => {
        await pipeline.stop();
        await redis.embedded?.stop();
        throw err;
      })
    : undefined;
  log.info({ role, feeds: config.feeds.feeds.length, digests: Object.keys(config.digests.digests).length, dashboard: dashboard?.url }, 'wirewatch running');
  await stopped(stop);
  log.info('stopping: finishing running jobs');
  // A second signal, or a shutdown stuck past the workers' grace period, ends it regardless.
  setTimeout(() => process.exit(1), 40_000).unref();
  process.once('SIGINT', () => process.exit(130));
  process.once('SIGTERM', () => process.exit(143));
  await dashboard?.close();
  await pipeline.stop();
  await redis.embedded?.stop();
  log.info('stopped');
  return 0;
}

/** The dashboard's view of a running pipeline: its store, queues, config and metrics, none of its workers. */
function dashboardContext(p: Pipeline): DashboardContext {
  return { live: p.live, store: p.store, queues: p.queues, log: p.ctx.log, metrics: p.ctx.metrics, hostLimiter: p.ctx.hostLimiter };
}

function parseQueues(value: unknown): QueueName[] {
  if (typeof value !== 'string' || value === '') return ALL_QUEUES;
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names) {
    if (!ALL_QUEUES.includes(n as QueueName)) throw new UsageError(`unknown queue "${n}" (expected ${ALL_QUEUES.join(', ')})`);
  }
  return names as QueueName[];
}

export default makeRunCommand('all');
