import type { LookupResult } from '../lookup/lookup-part.js';
import { num, ratio, table, verdict } from './markdown.js';

/** The lookup at each size, its ratio to the smallest size, the query plan, and the target. */
export function lookupReport(results: LookupResult[], ops: number): string {
  const smallest = (backend: string) =>
    results.filter((r) => r.backend === backend).reduce((a, b) => (a.size <= b.size ? a : b));
  const rows = results.map((r) => {
    const base = smallest(r.backend);
    return [
      r.backend,
      r.size.toLocaleString('en'),
      num(r.lookup.cpuUs, 0),
      ratio(r.lookup.cpuUs, base.lookup.cpuUs),
      num(r.lookup.wallUs, 0),
      ratio(r.lookup.wallUs, base.lookup.wallUs),
      num(r.login.cpuUs, 0),
      ratio(r.login.cpuUs, base.login.cpuUs),
      num(r.login.wallUs, 0),
      ratio(r.login.wallUs, base.login.wallUs),
      `\`${r.plan}\``,
    ];
  });
  const targets = [...new Set(results.map((r) => r.backend))].map((backend) => {
    const base = smallest(backend);
    const largest = results
      .filter((r) => r.backend === backend)
      .reduce((a, b) => (a.size >= b.size ? a : b));
    const growth = largest.lookup.cpuUs / base.lookup.cpuUs;
    const wall = largest.lookup.wallUs / base.lookup.wallUs;
    return [
      `lookup flat within 1.30× from ${base.size.toLocaleString('en')} to ${largest.size.toLocaleString('en')} connections (${backend})`,
      `${growth.toFixed(2)}× CPU (${wall.toFixed(2)}× wall time)${largest.clientCpuOnly ? ', client CPU only' : ''}`,
      verdict(growth <= 1.3),
    ];
  });
  return [
    `\`TypeOrmConnectionRepository.findByProviderUser\` (a returning login's connection lookup) and a returning login's whole repository work (lookup + \`updateTokens\`), on the module's own repository with encrypted tokens, against \`social_connection\` holding each number of rows (one database per size: other accounts written in SQL, then 1,000 accounts through the repository, which the calls pick from). ` +
      `${ops} lookups and ${Math.ceil(ops / 4)} logins per size and round, 5 rounds over the sizes interleaved after one warm-up round; µs per call, median of the rounds: CPU is the bench process's (process.cpuUsage) plus, on PostgreSQL, its backend's (/proc/<pid>/schedstat; one pooled connection), which load elsewhere on the machine barely moves; wall time is what a caller waits. Ratios to the smallest size of the same database; the verdict is on CPU. ` +
      'On SQLite every `updateTokens` is an autocommit write (an fsync), which is wall time, not CPU.',
    table(
      [
        'database',
        'connections',
        'lookup CPU µs',
        '×smallest',
        'lookup wall µs',
        '×smallest',
        'login CPU µs',
        '×smallest',
        'login wall µs',
        '×smallest',
        'lookup plan (at this size)',
      ],
      rows,
    ),
    table(['target', 'measured', ''], targets),
  ].join('\n\n');
}
