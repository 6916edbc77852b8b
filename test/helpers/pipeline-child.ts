/**
 * A pipeline in a child process, for tests that kill or signal it:
 *   node --import tsx test/helpers/pipeline-child.ts '{"config":DIR,"prefix":P,"lockMs":2000,"queues":["send-digest"]}'
 * Prints "ready" when running; exits 0 after SIGTERM once stopped. Without lockMs it runs with
 * the lock timings wirewatch ships with.
 */
import { loadConfig } from '../../src/config/load.js';
import type { QueueName } from '../../src/jobs/definitions.js';
import { createLogger } from '../../src/log.js';
import { startPipeline } from '../../src/pipeline.js';
import { TEST_REDIS_URL } from './redis.js';

const args = JSON.parse(process.argv[2] ?? '{}') as { config: string; prefix: string; lockMs?: number; scheduler?: boolean; queues?: QueueName[]; redisUrl?: string };
const pipeline = await startPipeline({
  config: loadConfig(args.config),
  redisUrl: args.redisUrl ?? TEST_REDIS_URL,
  prefix: args.prefix,
  scheduler: args.scheduler ?? false,
  queues: args.queues,
  log: createLogger({ level: process.env.LOG_LEVEL ?? 'warn', destination: process.stderr }),
  tuning: args.lockMs ? { lockDuration: args.lockMs, stalledInterval: Math.max(500, args.lockMs / 2) } : undefined,
});
process.stdout.write('ready\n');
process.once('SIGTERM', async () => {
  await pipeline.stop();
  process.stdout.write('stopped\n');
  process.exit(0);
});
