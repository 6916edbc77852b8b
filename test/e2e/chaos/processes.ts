/**
 * The wirewatch processes of a chaos run, started as an operator would (`wirewatch worker`,
 * `wirewatch scheduler`, `wirewatch digest send`), each logging to its own file. A process
 * killed on purpose is started again under the same name; at the end every long-running one
 * gets SIGTERM and its exit code is kept.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';

const CLI = join(import.meta.dirname, '..', '..', '..', 'src', 'cli.ts');

export interface Supervised {
  name: string;
  args: string[];
  child: ChildProcess;
  /** Times it was SIGKILLed on purpose. */
  kills: number;
  log: string;
}

export class Processes {
  readonly running = new Map<string, Supervised>();
  private starts = 0;

  private readonly t0 = Date.now();

  constructor(private readonly env: NodeJS.ProcessEnv, private readonly logDir: string) {}

  /** A line in the run's timeline (timeline.log), in ms since the start. */
  note(line: string): void {
    appendFileSync(join(this.logDir, 'timeline.log'), `${String(Date.now() - this.t0).padStart(7)} ${line}\n`);
  }

  start(name: string, args: string[]): Supervised {
    const log = join(this.logDir, `${name}.log`);
    const out = createWriteStream(log, { flags: 'a' });
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.pipe(out, { end: false });
    child.stderr!.pipe(out, { end: false });
    out.write(`--- start ${++this.starts}: wirewatch ${args.join(' ')} (pid ${child.pid})\n`);
    this.note(`${name}: start (pid ${child.pid})`);
    const p: Supervised = { name, args, child, kills: this.running.get(name)?.kills ?? 0, log };
    this.running.set(name, p);
    return p;
  }

  /** SIGKILL, wait for the exit, start again. */
  async killAndRestart(name: string, downMs = 500): Promise<void> {
    const p = this.running.get(name)!;
    this.note(`${name}: SIGKILL (pid ${p.child.pid})`);
    await exitOf(p.child, 'SIGKILL');
    p.kills += 1;
    await new Promise((r) => setTimeout(r, downMs));
    const next = this.start(name, p.args);
    next.kills = p.kills;
  }

  /** Runs a command to its end (killed after `timeoutMs`); its exit code. */
  async run(name: string, args: string[], timeoutMs: number): Promise<number | null> {
    const p = this.start(name, args);
    this.running.delete(name);
    const timer = setTimeout(() => p.child.kill('SIGKILL'), timeoutMs);
    const code = await new Promise<number | null>((r) => p.child.on('exit', (c) => r(c)));
    clearTimeout(timer);
    this.note(`${name}: exited ${code}`);
    return code;
  }

  /**
   * Waits until every long-running process has said "wirewatch running" since its last start
   * (a process still loading its code when SIGTERM comes dies of the signal, as any would).
   */
  async waitAllRunning(ms: number): Promise<string[]> {
    const deadline = Date.now() + ms;
    let late: string[] = [];
    while (Date.now() < deadline) {
      late = [...this.running.values()].filter((p) => !/wirewatch running/.test(lastStart(p.log))).map((p) => p.name);
      if (late.length === 0) return [];
      await new Promise((r) => setTimeout(r, 200));
    }
    return late;
  }

  /** SIGTERM to every long-running process; their exit codes (null when killed after `graceMs`). */
  async stopAll(graceMs: number): Promise<Record<string, number | null>> {
    const codes: Record<string, number | null> = {};
    await Promise.all([...this.running.values()].map(async (p) => {
      const timer = setTimeout(() => p.child.kill('SIGKILL'), graceMs);
      codes[p.name] = await exitOf(p.child, 'SIGTERM');
      clearTimeout(timer);
    }));
    this.running.clear();
    return codes;
  }

  /** Last lines of a process's log, for a failure message. */
  tail(name: string, lines = 30): string {
    const p = this.running.get(name);
    const file = p?.log ?? join(this.logDir, `${name}.log`);
    try {
      return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }
}

export function exitOf(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill(signal);
  });
}

/** The log since the process's last start. */
function lastStart(log: string): string {
  try {
    const text = readFileSync(log, 'utf8');
    return text.slice(text.lastIndexOf('--- start'));
  } catch {
    return '';
  }
}
