import { appById } from '../flows/apps-under-test.js';
import { keptMb, type RssResult } from '../memory/rss-part.js';
import { num, ratio, table, verdict } from './markdown.js';

const percent = (value: number) => `${value >= 0 ? '+' : ''}${num(value)} %`;

/** RSS and heap at each checkpoint, per app, and the module's growth against the target. */
export function memoryReport(results: RssResult[], flows: number): string {
  const floor = results.find((r) => r.app === 'floor');
  const rows = results.map((r) => {
    const first = r.checkpoints[0]!;
    const last = r.checkpoints.at(-1)!;
    return [
      appById(r.app).label,
      r.warmupFlows.toLocaleString('en'),
      r.checkpoints.map((c) => `${num(c.rssMb, 0)} (${num(c.heapTotalMb, 0)})`).join(' → '),
      percent(r.growthPercent),
      `${r.checkpoints.map((c) => num(keptMb(c), 0)).join(' → ')} (${percent(r.keptGrowthPercent)})`,
      floor ? ratio(last.rssMb, floor.checkpoints.at(-1)!.rssMb) : '–',
      `${num(first.heapUsedMb)} → ${num(last.heapUsedMb)} (${percent(r.heapGrowthPercent)})`,
      `${num(((last.heapUsedMb - first.heapUsedMb) * 2 ** 20) / flows, 0)} B`,
      r.failures.length ? `${r.failures.length} failed` : 'none failed',
    ];
  });
  const social = results.find((r) => r.app === 'nestjs-social');
  return [
    `${flows.toLocaleString('en')} flows after a warm-up of at least 5,000 flows that lasts until RSS moves less than 2 % over 1,000: sign-ups and returning logins alternating, each ending with a logout, so that the session store stays the same size. ` +
      'At each checkpoint a full GC, then RSS from /proc/<pid>/status, the V8 heap committed (in brackets: RSS moves in its steps, 8–16 MB at a time, in every app) and the heap in use (what the app keeps). "RSS less free V8 heap" is RSS − committed + used heap: the memory the process holds without V8\'s momentary reserve.',
    table(
      [
        'app',
        'warm-up flows',
        'RSS MB (V8 heap committed) at each checkpoint',
        'RSS growth',
        'RSS less free V8 heap, MB',
        'RSS ×floor (end)',
        'heap used MB after GC',
        'heap kept per flow',
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
              `${percent(social.growthPercent)}`,
              verdict(social.growthPercent < 5),
            ],
            [
              '… without the free V8 heap',
              `${percent(social.keptGrowthPercent)} (heap in use ${percent(social.heapGrowthPercent)})`,
              verdict(social.keptGrowthPercent < 5),
            ],
          ],
        )
      : '',
  ].join('\n\n');
}
