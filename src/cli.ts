#!/usr/bin/env node
/**
 * wirewatch's command line: `wirewatch COMMAND [options]`. Each command lives in its own file
 * under src/commands/; this file only finds it, parses its options and turns errors into one
 * line on stderr and a non-zero exit.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { commonOptions, type Command, type CommandIO } from './commands/command.js';
import { describeError, UsageError, ConfigError } from './errors.js';
import { OUTPUT_FORMATS } from './log.js';

/** Commands load lazily so `wirewatch check-config` does not pay for bullmq or cheerio. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ default: Command }> }> = {
  start: { summary: 'scheduler + workers + dashboard in one process', load: () => import('./commands/start.js') },
  dashboard: { summary: 'the ops dashboard alone (pages, API, /metrics), no workers', load: () => import('./commands/dashboard.js') },
  worker: { summary: 'workers only (--queues to pick), for scaling out', load: () => import('./commands/worker.js') },
  scheduler: { summary: 'keeps the schedules in line with the config; runs no jobs', load: () => import('./commands/scheduler.js') },
  'check-config': { summary: 'validate the config', load: () => import('./commands/check-config.js') },
  poll: { summary: 'fetch and parse feeds now and print their items', load: () => import('./commands/poll.js') },
  discover: { summary: 'what a URL is: a feed, or the feeds a page points at', load: () => import('./commands/discover.js') },
  extract: { summary: 'print the article extracted from pages', load: () => import('./commands/extract.js') },
  classify: { summary: 'run the watch-lists over texts or pages', load: () => import('./commands/classify.js') },
  backtest: { summary: 'precision and recall per watch-list against labelled cases', load: () => import('./commands/backtest.js') },
  feedback: { summary: 'feedback export: analysts\' verdicts as a backtest cases file', load: () => import('./commands/feedback.js') },
  suggest: { summary: 'terms, exclusions, aliases and a threshold for one watch-list, from cases', load: () => import('./commands/suggest.js') },
  search: { summary: 'search the archive with the watch-list query language', load: () => import('./commands/search.js') },
  digest: { summary: 'digest preview NAME | digest send NAME', load: () => import('./commands/digest.js') },
};

function printHelp(io: CommandIO): void {
  const lines = ['usage: wirewatch COMMAND [--config DIR] [--json] [--log-format pretty|json] [options]', '', 'commands:'];
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(14)} ${c.summary}`);
  lines.push('', 'wirewatch COMMAND --help shows the options of one command; wirewatch --version the version.');
  io.stdout.write(lines.join('\n') + '\n');
}

/** The version in package.json, read beside src/ or dist/ alike. */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}

/**
 * `--log-format pretty|json` may stand anywhere in the command line, for every command: it is
 * LOG_FORMAT for this run, set in the environment the command (and its logger) reads.
 */
function takeLogFormat(argv: string[], env: NodeJS.ProcessEnv): string[] {
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const inline = arg.startsWith('--log-format=') ? arg.slice('--log-format='.length) : undefined;
    if (arg !== '--log-format' && inline === undefined) {
      rest.push(arg);
      continue;
    }
    const value = inline ?? argv[++i];
    if (!value || !OUTPUT_FORMATS.includes(value as never)) {
      throw new UsageError(`--log-format must be ${OUTPUT_FORMATS.join(' or ')} (got ${value ? `"${value}"` : 'nothing'})`);
    }
    env.LOG_FORMAT = value;
  }
  const fromEnv = env.LOG_FORMAT?.trim().toLowerCase();
  if (fromEnv && !OUTPUT_FORMATS.includes(fromEnv as never)) throw new UsageError(`LOG_FORMAT must be ${OUTPUT_FORMATS.join(' or ')} (got "${env.LOG_FORMAT}")`);
  return rest;
}

export async function main(argv: string[], io: CommandIO): Promise<number> {
  let args: string[];
  try {
    args = takeLogFormat(argv, io.env);
  } catch (err) {
    io.stderr.write(`wirewatch: ${describeError(err)}\n`);
    return 2;
  }
  const [name, ...rest] = args;
  if (name === '--version' || name === '-v' || name === '-V' || name === 'version') {
    io.stdout.write(`wirewatch ${packageVersion()}\n`);
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    printHelp(io);
    return name ? 0 : 2;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.stderr.write(`wirewatch: unknown command "${name}" (try wirewatch --help)\n`);
    return 2;
  }
  let command: Command = { name, summary: entry.summary, usage: `wirewatch ${name}`, run: async () => 1 };
  try {
    command = (await entry.load()).default;
    const parsed = parseCommandArgs(command, rest);
    if (parsed.values.help) {
      io.stdout.write(`usage: ${command.usage}\n`);
      return 0;
    }
    return await command.run(parsed, io);
  } catch (err) {
    return reportError(err, command, io);
  }
}

function parseCommandArgs(command: Command, args: string[]) {
  try {
    return parseArgs({ args, options: { ...commonOptions, ...command.options }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${describeError(err)} (usage: ${command.usage})`);
  }
}

function reportError(err: unknown, command: Command, io: CommandIO): number {
  if (err instanceof ConfigError) {
    // One line a problem, each file:line:col: message, so editors can jump to them.
    for (const p of err.problems) io.stderr.write(`${p.file}:${p.line}:${p.col}: ${p.message}\n`);
    return 1;
  }
  io.stderr.write(`wirewatch ${command.name}: ${describeError(err)}\n`);
  if (process.env.WIREWATCH_DEBUG && err instanceof Error) io.stderr.write(`${err.stack}\n`);
  return err instanceof UsageError ? 2 : 1;
}

const invokedDirectly = process.argv[1] && /cli\.(ts|js)$/.test(process.argv[1]);
const viaBin = process.argv[1] && /wirewatch(\.js)?$/.test(process.argv[1]);
if (invokedDirectly || viaBin) {
  const code = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
  });
  process.exitCode = code;
  // Let a slow reader (a pipe) take everything written before deciding how to exit.
  await Promise.all([process.stdout, process.stderr].map((s) => new Promise<void>((r) => s.write('', () => r()))));
  // Keep-alive sockets and library timers must not hold a finished command open; an unref'd
  // timer fires only if something still does.
  setTimeout(() => process.exit(code), 300).unref();
}
