import { appById } from '../flows/apps-under-test.js';
import type { AppProfile } from '../profile/profile-part.js';
import type { Share } from '../profile/profile-summary.js';
import { num, table } from './markdown.js';

/** Per profiled app and path: busy time by package (self and inclusive), the top functions, and the statements of one flow. */
export function profileReport(profiles: AppProfile[], flows: number): string {
  const parts = [
    `\`node --cpu-prof\` on each Nest app, cut to ${flows} measured flows per path (marks on the profile's clock; the database on /dev/shm so that the samples are CPU, not fsync waits). ` +
      "Self time: in the package's own functions. Inclusive: with the package anywhere on the stack (what it and everything it calls cost). " +
      "SQLite runs natively inside TypeORM's `query()`, which V8 books as that function's self time.",
  ];
  for (const { app, paths } of profiles) {
    for (const { path, summary, statements } of paths) {
      parts.push(`#### ${appById(app).label}: ${path}`);
      if (summary) {
        parts.push(
          `Busy (non-idle) main-thread time: ${num(summary.busyMsPerFlow, 2)} ms per flow.`,
          table(
            ['package / area', 'self ms/flow', 'self %', 'inclusive %'],
            shareRows(summary.selfByCategory, summary.inclusiveByCategory),
          ),
          `<details><summary>Top ${summary.topFunctions.length} functions by self time</summary>\n\n${table(
            ['function', 'ms/flow', '%'],
            summary.topFunctions.map((f) => [
              f.name.replace(/\|/g, '\\|'),
              num(f.msPerFlow, 3),
              num(f.percent),
            ]),
          )}\n\n</details>`,
        );
      }
      parts.push(
        `SQL statements of one flow (${statements.length}):\n\n${statements.map((s, i) => `${i + 1}. \`${s}\``).join('\n')}`,
      );
    }
  }
  return parts.join('\n\n');
}

function shareRows(self: Share[], inclusive: Share[]): string[][] {
  const inclusiveOf = new Map(inclusive.map((share) => [share.name, share.percent]));
  return self
    .filter((share) => share.percent >= 0.5)
    .map((share) => [
      share.name,
      num(share.msPerFlow, 3),
      num(share.percent),
      inclusiveOf.has(share.name) ? num(inclusiveOf.get(share.name)!) : '',
    ]);
}
