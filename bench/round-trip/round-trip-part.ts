import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { num, table } from '../report/markdown.js';
import { REPO_ROOT } from '../support/repo-root.js';

interface VitestBench {
  name: string;
  hz: number;
  mean: number;
  p99: number;
  rme: number;
  sampleCount: number;
}

interface VitestBenchReport {
  files: { groups: { fullName: string; benchmarks: VitestBench[] }[] }[];
}

/**
 * The in-process Vitest bench (bench/*.bench.ts: a round trip through the real strategies and
 * the sandbox, the per-request checks), run as it always was, its figures as a table.
 */
export function runRoundTripBench(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-vitest-'));
  try {
    const output = join(dir, 'bench.json');
    const run = spawnSync(
      join(REPO_ROOT, 'node_modules/.bin/vitest'),
      ['bench', '--run', '--config', 'bench/vitest.config.ts', '--outputJson', output],
      { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (run.status !== 0) throw new Error(`vitest bench failed (${run.status ?? run.signal})`);
    const report = JSON.parse(readFileSync(output, 'utf8')) as VitestBenchReport;
    const rows = report.files.flatMap((file) =>
      file.groups.flatMap((group) =>
        group.benchmarks.map((b) => [
          group.fullName.replace(/^.*? > /, ''),
          b.name,
          num(b.hz, b.hz < 1000 ? 1 : 0),
          num(b.mean, 4),
          num(b.p99, 4),
          `±${num(b.rme)} %`,
          String(b.sampleCount),
        ]),
      ),
    );
    return [
      '`vitest bench --run --config bench/vitest.config.ts`: everything in one process (the sandbox too), timed by tinybench; a regression check, not a comparison.',
      table(['group', 'bench', 'per second', 'mean ms', 'p99 ms', 'rme', 'samples'], rows),
    ].join('\n\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
