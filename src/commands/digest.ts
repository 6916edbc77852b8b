/**
 * `wirewatch digest preview NAME`: what the next run of a digest would send, claiming nothing.
 * `wirewatch digest send NAME`: run it now, through the same delivery bookkeeping as a
 * scheduled run (only what is pending goes out, and it is marked delivered).
 */
import { loadConfig } from '../config/load.js';
import { own } from '../config/lookup.js';
import type { Config } from '../config/schema.js';
import { renderDigest } from '../digest/render-digest.js';
import { RENDER_FORMATS, type RenderFormat } from '../digest/render-document.js';
import { UsageError } from '../errors.js';
import { HostLimiter } from '../fetch/host-limiter.js';
import { LiveConfig } from '../config/live-config.js';
import { openQueues, closeQueues } from '../jobs/queues.js';
import { silentLogger, createLogger } from '../log.js';
import { Metrics } from '../metrics.js';
import { connectRedis } from '../store/redis.js';
import { Store } from '../store/store.js';
import type { WorkerContext } from '../workers/context.js';
import { buildForEntries, runDigest, type DigestResult } from '../workers/send-digest.js';
import { newRunId } from '../jobs/run-id.js';
import { configDir, printJson, type Command, type CommandIO, type ParsedArgs } from './command.js';
import { resolveRedis } from './redis-url.js';

const command: Command = {
  name: 'digest',
  summary: 'digest preview NAME | digest send NAME',
  usage: `wirewatch digest preview|send NAME [--format ${RENDER_FORMATS.join('|')}] [--config DIR] [--json]`,
  options: { format: { type: 'string', default: 'text' } },
  async run(args, io) {
    const [action, name] = args.positionals;
    if (action !== 'preview' && action !== 'send') throw new UsageError('expected "preview" or "send"');
    const config = loadConfig(configDir(args), { env: io.env });
    if (!name) throw new UsageError(`expected a digest name (${Object.keys(config.digests.digests).join(', ') || 'none configured'})`);
    if (!own(config.digests.digests, name)) throw new UsageError(`no digest "${name}" in digests.yaml (known: ${Object.keys(config.digests.digests).join(', ') || 'none'})`);
    const { url } = await resolveRedis(io.env, { allowEmbedded: false });
    const ctx = openContext(config, url, io, Boolean(args.values.json));
    try {
      return action === 'preview' ? await preview(ctx, config, name, args, io) : await send(ctx, config, name, args, io);
    } finally {
      await closeQueues(ctx.queues);
      await ctx.store.redis.quit();
    }
  },
};

function openContext(config: Config, url: string, io: CommandIO, json: boolean): WorkerContext {
  // A command, not a worker: fail rather than wait forever when Redis goes away mid-command.
  const redis = connectRedis(url, { maxRetriesPerRequest: 1 });
  const store = new Store(redis, { prefix: io.env.WIREWATCH_PREFIX });
  return {
    live: new LiveConfig(config), store, queues: openQueues(redis, store.keys.bull),
    log: json ? silentLogger : createLogger({ destination: io.stderr, level: io.env.LOG_LEVEL ?? 'warn' }),
    hostLimiter: new HostLimiter({ concurrency: config.feeds.fetch.perHostConcurrency, gapMs: config.feeds.fetch.perHostGap }), stdout: io.stdout, metrics: new Metrics({ processMetrics: false }),
  };
}

async function preview(ctx: WorkerContext, config: Config, name: string, args: ParsedArgs, io: CommandIO): Promise<number> {
  const spec = own(config.digests.digests, name)!;
  const entries = await ctx.store.digests.previewPending(name, spec.channels);
  const run = { digest: name, runId: `${name}-preview`, scheduledFor: new Date().toISOString() };
  const { digest } = await buildForEntries(ctx, config, run, entries);
  if (args.values.json) printJson(io, digest);
  else if (digest.itemKeys.length === 0) io.stdout.write(`${name}: nothing pending; the next run would send nothing\n`);
  else printRendered(io, renderDigest(previewFormat(args.values.format), digest));
  return 0;
}

function previewFormat(value: unknown): RenderFormat {
  if (!RENDER_FORMATS.includes(value as RenderFormat)) throw new UsageError(`--format must be one of ${RENDER_FORMATS.join(', ')}`);
  return value as RenderFormat;
}

/** Text formats print as they are; payload formats (Slack, email, ...) print one JSON message a line. */
function printRendered(io: CommandIO, messages: unknown[]): void {
  for (const m of messages) io.stdout.write(typeof m === 'string' ? `${m}\n` : `${JSON.stringify(m)}\n`);
}

async function send(ctx: WorkerContext, config: Config, name: string, args: ParsedArgs, io: CommandIO): Promise<number> {
  // Ctrl-C stops the delivery; what was not confirmed stays with the run, resumed under its id.
  const abort = new AbortController();
  const stop = () => abort.abort(new Error('interrupted'));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const results: DigestResult[] = [];
    // Runs of this digest whose owner died (a killed `digest send`) are finished first, under their own ids.
    for (const run of await ctx.store.digests.abandonedRuns()) {
      if (run.digest !== name || abort.signal.aborted) continue;
      results.push(await runDigest(ctx, config, name, run.runId, '', true, abort.signal, { resume: true }));
    }
    const now = new Date();
    results.push(await runDigest(ctx, config, name, newRunId(name, now), now.toISOString(), true, abort.signal));
    for (const result of results) printResult(io, name, result, Boolean(args.values.json));
    return results.some((r) => Object.values(r.report).some((o) => o.status === 'failed' || o.status === 'retrying' || o.status === 'interrupted')) ? 1 : 0;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

/** One line for the run, then one per channel: outcome, items, messages, where it went, what maxItems held back. */
function printResult(io: CommandIO, name: string, result: DigestResult, json: boolean): void {
  if (json) return printJson(io, result);
  io.stdout.write(`${name}: run ${result.runId}\n`);
  for (const [channel, line] of Object.entries(result.channels)) io.stdout.write(`${name} -> ${channel}: ${line}\n`);
}

export default command;
