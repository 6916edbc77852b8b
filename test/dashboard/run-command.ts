/**
 * Runs the `dashboard` command the way src/cli.ts runs a command (until the lead registers it
 * there): parse the options, run, print a one-line error on failure.
 */
import { parseArgs } from 'node:util';
import { commonOptions } from '../../src/commands/command.js';
import command from '../../src/commands/dashboard.js';
import { describeError } from '../../src/errors.js';

const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
try {
  const parsed = parseArgs({ args: process.argv.slice(2), options: { ...commonOptions, ...command.options }, allowPositionals: true, strict: true });
  process.exitCode = await command.run(parsed, io);
} catch (err) {
  process.stderr.write(`wirewatch ${command.name}: ${describeError(err)}\n`);
  process.exitCode = 1;
}
