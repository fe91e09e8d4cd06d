import type { ColdStartResult } from '../cold-start/cold-start-part.js';
import { median } from '../support/stats.js';
import { num, ratio, table, verdict } from './markdown.js';

export function coldStartReport(result: ColdStartResult): string {
  const floor = median(result.floorMs);
  const boots = median(result.bootsMs);
  const worst = Math.max(result.firstBootMs, ...result.bootsMs);
  return [
    'From spawning `node dist/apps/sample/apps/sample/src/main.js` (built by `nest build sample`, SQLite database, sessions in it) to its first HTTP answer (`GET /`, polled every 5 ms); the floor is a bare node:http server started the same way.',
    table(
      ['process', 'ms (median)', 'each start, ms', '×floor'],
      [
        [
          'the sample, first boot (empty database)',
          num(result.firstBootMs, 0),
          num(result.firstBootMs, 0),
          ratio(result.firstBootMs, floor),
        ],
        [
          'the sample, later boots',
          num(boots, 0),
          result.bootsMs.map((ms) => num(ms, 0)).join(', '),
          ratio(boots, floor),
        ],
        [
          'bare node:http (floor)',
          num(floor, 0),
          result.floorMs.map((ms) => num(ms, 0)).join(', '),
          '1.00×',
        ],
      ],
    ),
    table(
      ['target', 'measured', ''],
      [
        [
          'cold start < 1.5 s',
          `${num(boots, 0)} ms median, ${num(worst, 0)} ms worst`,
          verdict(worst < 1500),
        ],
      ],
    ),
  ].join('\n\n');
}
