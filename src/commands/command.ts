/** The contract every command under src/commands/ fulfils; src/cli.ts dispatches to them. */
import type { ParseArgsConfig } from 'node:util';

export interface CommandIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export interface Command {
  name: string;
  /** One line for `wirewatch --help`. */
  summary: string;
  /** Usage line(s) shown by `wirewatch NAME --help` and after a usage error. */
  usage: string;
  /** Options besides the common --config, --json and --help. */
  options?: NonNullable<ParseArgsConfig['options']>;
  /** Returns the exit code. Throws WirewatchError for a one-line error and exit 1. */
  run(args: ParsedArgs, io: CommandIO): Promise<number>;
}

/** Options every command takes. */
export const commonOptions = {
  config: { type: 'string', default: './config' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** Writes one JSON object as one line: the --json output format of every command. */
export function printJson(io: CommandIO, value: unknown): void {
  io.stdout.write(JSON.stringify(value) + '\n');
}

export function configDir(args: ParsedArgs): string {
  return String(args.values.config ?? './config');
}
