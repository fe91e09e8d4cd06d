// `npm run bench [-- part ...]`: runs the bench's parts (all of them by default), writes their
// sections of bench/results.md, and exits non-zero when a flow or a part failed. Parameters come
// from BENCH_* environment variables (support/settings.ts).
import { join } from 'node:path';
import { PART_RUNNERS } from './parts.js';
import { updateResults } from './report/results-file.js';
import { describeMachine } from './support/machine.js';
import { REPO_ROOT } from './support/repo-root.js';
import { loadSettings, type PartName, selectedParts } from './support/settings.js';

const settings = loadSettings();
const parts = selectedParts(process.argv.slice(2));
const file = process.env.BENCH_RESULTS ?? join(REPO_ROOT, 'bench/results.md');
const log = (line: string) => console.log(`[bench] ${line}`);

const sections = new Map<PartName, string>();
let failed = false;
for (const part of parts) {
  const began = performance.now();
  const machine = describeMachine();
  log(`${part}…`);
  try {
    const { markdown, ok } = await PART_RUNNERS[part](settings, log);
    const seconds = ((performance.now() - began) / 1000).toFixed(0);
    sections.set(part, `_${machine}; ${seconds} s._\n\n${markdown}`);
    if (!ok) {
      failed = true;
      log(`${part}: some flows failed (see ${file})`);
    }
  } catch (error) {
    failed = true;
    console.error(error);
    sections.set(
      part,
      `_${machine}._\n\n**This part failed:** ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  updateResults(file, sections);
}
log(`wrote ${file}`);
process.exitCode = failed ? 1 : 0;
