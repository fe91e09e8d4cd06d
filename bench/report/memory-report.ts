import { appById } from '../flows/apps-under-test.js';
import type { RssResult } from '../memory/rss-part.js';
import { num, ratio, table, verdict } from './markdown.js';

/** RSS and heap at each checkpoint, per app, and the module's growth against the target. */
export function memoryReport(results: RssResult[], flows: number): string {
  const floor = results.find((r) => r.app === 'floor');
  const rows = results.map((r) => {
    const first = r.checkpoints[0]!;
    const last = r.checkpoints.at(-1)!;
    return [
      appById(r.app).label,
      r.checkpoints.map((c) => num(c.rssMb, 0)).join(' → '),
      `${r.growthPercent >= 0 ? '+' : ''}${num(r.growthPercent)} %`,
      floor ? ratio(last.rssMb, floor.checkpoints.at(-1)!.rssMb) : '–',
      `${num(first.heapUsedMb)} → ${num(last.heapUsedMb)}`,
      r.failures.length ? `${r.failures.length} failed` : 'none failed',
    ];
  });
  const social = results.find((r) => r.app === 'nestjs-social');
  return [
    `${flows.toLocaleString('en')} flows after the warm-up (sign-ups and returning logins alternating, each ending with a logout so that the session store stays the same size), RSS from /proc/<pid>/status and the V8 heap after a full GC at each checkpoint.`,
    table(
      [
        'app',
        'RSS MB at each checkpoint',
        'RSS growth',
        'RSS ×floor (end)',
        'heap used MB (after GC)',
        'flows',
      ],
      rows,
    ),
    social
      ? table(
          ['target', 'measured', ''],
          [
            [
              `RSS growth < 5 % over ${flows.toLocaleString('en')} flows after warm-up`,
              `${num(social.growthPercent)} %`,
              verdict(social.growthPercent < 5),
            ],
          ],
        )
      : '',
  ].join('\n\n');
}
