/**
 * `npm run bench`: every benchmark under bench/, each in its own process so timings and peak
 * memory do not leak into each other. `npm run bench -- extract classify` runs some.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ALL = ['feeds', 'extract', 'classify', 'ner', 'ner-news', 'conll-classify', 'digest', 'dashboard', 'pipeline', 'archive', 'chaos', 'tune', 'fuzz'];
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : ALL;
let failed = 0;
for (const name of chosen) {
  const file = join(import.meta.dirname, `${name}.ts`);
  if (!existsSync(file)) {
    console.log(`\n== ${name}: no bench/${name}.ts`);
    continue;
  }
  console.log(`\n== bench/${name}.ts`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', file], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
