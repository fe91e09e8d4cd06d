import { appById } from '../flows/apps-under-test.js';
import type { AppProfile } from '../profile/profile-part.js';
import type { ProfileSummary, Share } from '../profile/profile-summary.js';
import { num, table } from './markdown.js';

/** Per profiled app and path: busy time by package (self and inclusive), the top functions, and the statements of one flow. */
export function profileReport(profiles: AppProfile[], flows: number): string {
  const parts = [
    `\`node --cpu-prof\` on each Nest app, cut to ${flows} measured flows per path (marks on the profile's clock; the database on /dev/shm so that the samples are CPU, not fsync waits). ` +
      "Self: time in the package's own functions. Attributed: self time plus the Node and V8 time it called into directly (string building, buffers, sockets, crypto, GC are booked to the package that asked for them). Inclusive: with the package anywhere on the stack (what it and everything it calls cost). " +
      "SQLite runs natively inside TypeORM's `query()`, which V8 books as that function's self time.",
  ];
  for (const { app, paths } of profiles) {
    for (const { path, summary, statements } of paths) {
      parts.push(`#### ${appById(app).label}: ${path}`);
      if (summary) {
        parts.push(
          `Busy (non-idle) main-thread time: ${num(summary.busyMsPerFlow, 2)} ms per flow.`,
          table(
            ['package / area', 'self ms/flow', 'self %', 'attributed %', 'inclusive %'],
            shareRows(summary),
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

/** One row per package with ≥ 0.5 % self or attributed time, by attributed time. */
export function shareRows(summary: ProfileSummary): string[][] {
  const byName = (shares: Share[]) => new Map(shares.map((share) => [share.name, share]));
  const self = byName(summary.selfByCategory);
  const attributed = byName(summary.attributedByCategory);
  const inclusive = byName(summary.inclusiveByCategory);
  const percent = (share: Share | undefined) => (share ? num(share.percent) : '');
  return [...new Set([...self.keys(), ...attributed.keys()])]
    .filter(
      (name) =>
        (self.get(name)?.percent ?? 0) >= 0.5 || (attributed.get(name)?.percent ?? 0) >= 0.5,
    )
    .sort((a, b) => (attributed.get(b)?.percent ?? 0) - (attributed.get(a)?.percent ?? 0))
    .map((name) => [
      name,
      num(self.get(name)?.msPerFlow ?? 0, 3),
      percent(self.get(name)),
      percent(attributed.get(name)),
      percent(inclusive.get(name)),
    ]);
}
