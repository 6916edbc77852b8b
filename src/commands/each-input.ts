/**
 * Runs a command over several inputs: each is handled on its own, a failing one prints its
 * error (`{"source":..., "error":...}` with --json) and the others go on; the exit code is 1
 * when any failed. A source is echoed with its secrets masked (`http://TOKEN@host/feed`).
 */
import { describeError, UsageError } from '../errors.js';
import { redactSecrets } from '../redact.js';
import { printJson, type CommandIO, type ParsedArgs } from './command.js';

export async function forEachInput(
  args: ParsedArgs,
  io: CommandIO,
  handle: (source: string) => Promise<{ json: object; text: string }>,
): Promise<number> {
  if (args.positionals.length === 0) throw new UsageError('expected at least one input');
  let failed = 0;
  for (const source of args.positionals) {
    const shown = redactSecrets(source);
    try {
      const out = await handle(source);
      if (args.values.json) printJson(io, { source: shown, ...out.json });
      else io.stdout.write(out.text.endsWith('\n') ? out.text : out.text + '\n');
    } catch (err) {
      failed++;
      if (args.values.json) printJson(io, { source: shown, error: describeError(err) });
      else io.stderr.write(`${shown}: ${describeError(err)}\n`);
    }
  }
  return failed ? 1 : 0;
}
