/**
 * `wirewatch start`: scheduler, workers and dashboard in one process, until SIGINT or SIGTERM.
 * `wirewatch worker` and `wirewatch scheduler` run parts of it, for scaling out.
 */
import { loadConfig } from '../config/load.js';
import { startDashboard } from '../dashboard/server.js';
import { UsageError } from '../errors.js';
import { ALL_QUEUES, type QueueName } from '../jobs/definitions.js';
import { createLogger } from '../log.js';
import { startPipeline } from '../pipeline.js';
import { configDir, type Command, type CommandIO, type ParsedArgs } from './command.js';
import { resolveRedis } from './redis-url.js';
import { waitForSignal } from './signals.js';

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
  const redis = await resolveRedis(io.env, { allowEmbedded: role === 'all', say });
  const log = createLogger({ destination: io.stdout });
  const pipeline = await startPipeline({
    config, redisUrl: redis.url, prefix: io.env.WIREWATCH_PREFIX, log, env: io.env, stdout: io.stdout,
    scheduler: role !== 'worker', queues: role === 'scheduler' ? [] : queues, watch: true,
  }).catch(async (err) => { await redis.embedded?.stop(); throw err; });
  // start serves the whole dashboard; a worker or scheduler given DASHBOARD_PORT serves only
  // /metrics and the health checks, so every process can be scraped.
  const wantsDashboard = !args.values['no-dashboard'] && (role === 'all' || Boolean(io.env.DASHBOARD_PORT));
  const dashboard = wantsDashboard
    ? await startDashboard({ ctx: pipeline.ctx, log, env: io.env, pages: role === 'all' }).catch(async (err) => {
        await pipeline.stop();
        await redis.embedded?.stop();
        throw err;
      })
    : undefined;
  log.info({ role, feeds: config.feeds.feeds.length, digests: Object.keys(config.digests.digests).length, dashboard: dashboard?.url }, 'wirewatch running');
  await waitForSignal();
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


function parseQueues(value: unknown): QueueName[] {
  if (typeof value !== 'string' || value === '') return ALL_QUEUES;
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names) {
    if (!ALL_QUEUES.includes(n as QueueName)) throw new UsageError(`unknown queue "${n}" (expected ${ALL_QUEUES.join(', ')})`);
  }
  return names as QueueName[];
}

export default makeRunCommand('all');
