import type { Boot, ColdStartResult } from '../cold-start/cold-start-part.js';
import { median } from '../support/stats.js';
import { num, ratio, table, verdict } from './markdown.js';
import { shareRows } from './profile-report.js';

export function coldStartReport({ firstBoot, boots, floor, profile }: ColdStartResult): string {
  const ms = (list: Boot[]) => median(list.map((boot) => boot.ms));
  const cpu = (list: Boot[]) => median(list.map((boot) => boot.cpuMs));
  const each = (list: Boot[]) => list.map((boot) => num(boot.ms, 0)).join(', ');
  const worst = Math.max(firstBoot.ms, ...boots.map((boot) => boot.ms));
  return [
    'From spawning `node dist/apps/sample/apps/sample/src/main.js` (built by `nest build sample`; SQLite, sessions in it) to its first HTTP answer (`GET /`, polled every 5 ms), and the CPU the process had used by then (/proc/<pid>/stat: unlike the wall time, barely moved by load elsewhere on the machine). The floor is a bare node:http server started the same way.',
    table(
      ['process', 'ms (median)', 'each start, ms', '×floor', 'CPU ms (median)', '×floor'],
      [
        [
          'the sample, first boot (empty database)',
          num(firstBoot.ms, 0),
          each([firstBoot]),
          ratio(firstBoot.ms, ms(floor)),
          num(firstBoot.cpuMs, 0),
          ratio(firstBoot.cpuMs, cpu(floor)),
        ],
        [
          'the sample, later boots',
          num(ms(boots), 0),
          each(boots),
          ratio(ms(boots), ms(floor)),
          num(cpu(boots), 0),
          ratio(cpu(boots), cpu(floor)),
        ],
        [
          'bare node:http (floor)',
          num(ms(floor), 0),
          each(floor),
          '1.00×',
          num(cpu(floor), 0),
          '1.00×',
        ],
      ],
    ),
    table(
      ['target', 'measured', ''],
      [
        [
          'cold start < 1.5 s',
          `${num(ms(boots), 0)} ms median, ${num(worst, 0)} ms worst`,
          verdict(worst < 1500),
        ],
      ],
    ),
    `Where one more boot's main-thread time goes (\`node --cpu-prof\`, exiting once it listens: ${num(profile.busyMsPerFlow, 0)} ms busy). Self, attributed and inclusive time by package as in the CPU profiles below; module loading is Node's own code, attributed to the package whose import it is.`,
    table(
      ['package / area', 'self ms', 'self %', 'attributed %', 'inclusive %'],
      shareRows(profile),
    ),
  ].join('\n\n');
}
