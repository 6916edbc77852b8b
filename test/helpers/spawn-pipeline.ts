/** Starts test/helpers/pipeline-child.ts in a child process and resolves once it is running. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface PipelineChildArgs {
  config: string;
  prefix: string;
  lockMs?: number;
  scheduler?: boolean;
  queues?: string[];
  redisUrl?: string;
}

export function spawnPipeline(args: PipelineChildArgs): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'pipeline-child.ts'), JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    proc.stdout!.on('data', (d) => { if (String(d).includes('ready')) resolve(proc); });
    proc.on('exit', (code) => reject(new Error(`pipeline child exited early (${code})`)));
  });
}
