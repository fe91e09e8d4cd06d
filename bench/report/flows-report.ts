import { APPS, type AppId } from '../flows/apps-under-test.js';
import { PATHS, type PathId, type PhaseResult } from '../flows/flow-bench.js';
import type { BenchSettings } from '../support/settings.js';
import { num, ratio, spread, table, verdict } from './markdown.js';

const APPS_TEXT =
  "Every app runs in its own process on 127.0.0.1, against one fake OAuth 2 provider in another (authorization code with PKCE S256, no consent page, Google's token and userinfo shapes), driven from the bench process by a cookie-jar client, each flow a new browser: **floor**: bare node:http doing only what cannot be skipped (state + PKCE, the code exchange, userinfo, two indexed upserts into SQLite, a session in a Map); " +
  "**hand-written Nest**: @nestjs/passport + passport-google-oauth20 (state and PKCE in the session) + TypeORM (a users and an accounts table) + express-session's MemoryStore, as the Nest docs have it; " +
  '**nestjs-social**: the module, compiled from libs/social/src, in a Nest app configured like the hand-written one (TypeORM on a SQLite file, the same MemoryStore, `tokenEncryptionKeys`, EventEmitterModule, sign-up through `createUserFromProfile`, flash messages off). ' +
  'Sign-up: a new provider account each flow; returning: an account that signed up before. SQLite files on disk (ext4), default pragmas.';

const label = (id: AppId) => APPS.find((app) => app.id === id)!.label;

/** The side-by-side flows: one table per cycle with every figure's ratio to that cycle's floor, the spread, the targets. */
export function flowsReport(results: PhaseResult[], settings: BenchSettings): string {
  const cycles = [...new Set(results.map((r) => r.cycle))];
  const find = (cycle: number, app: AppId, path: PathId) =>
    results.find((r) => r.cycle === cycle && r.app === app && r.path === path);
  const sections = cycles.map((cycle) => {
    const rows = results
      .filter((r) => r.cycle === cycle)
      .map((r) => {
        const floor = find(cycle, 'floor', r.path)!;
        return [
          label(r.app),
          r.path,
          num(r.flowsPerSec, 0),
          ratio(r.flowsPerSec, floor.flowsPerSec),
          num(r.callbackP50Ms),
          ratio(r.callbackP50Ms, floor.callbackP50Ms),
          num(r.callbackP99Ms),
          ratio(r.callbackP99Ms, floor.callbackP99Ms),
          `${num(r.cpuMsPerFlow, 2)} (${num(r.systemCpuMsPerFlow, 2)})`,
          ratio(r.cpuMsPerFlow, floor.cpuMsPerFlow),
          `${num(r.rssBeforeMb, 0)} → ${num(r.rssAfterMb, 0)}`,
          ratio(r.rssAfterMb, floor.rssAfterMb),
          num(r.sqlPerFlow, 1),
          ratio(r.sqlPerFlow, floor.sqlPerFlow),
        ];
      });
    return `#### Cycle ${cycle}\n\n${table(
      [
        'app',
        'path',
        'flows/s',
        '×floor',
        'callback p50 ms',
        '×floor',
        'p99 ms',
        '×floor',
        'CPU ms/flow (of which system)',
        '×floor',
        'RSS MB before → after',
        '×floor',
        'SQL/flow',
        '×floor',
      ],
      rows,
    )}`;
  });
  const across = (
    app: AppId,
    path: PathId,
    figure: (r: PhaseResult, floor: PhaseResult) => number,
  ) => cycles.map((cycle) => figure(find(cycle, app, path)!, find(cycle, 'floor', path)!));
  const times = (value: number) => `${value.toFixed(2)}×`;
  const spreadRows = APPS.flatMap((app) =>
    PATHS.map((path) => [
      label(app.id),
      path,
      spread(
        across(app.id, path, (r, f) => r.cpuMsPerFlow / f.cpuMsPerFlow),
        times,
      ),
      spread(
        across(
          app.id,
          path,
          (r) => r.cpuMsPerFlow / find(r.cycle, 'hand-written', path)!.cpuMsPerFlow,
        ),
        times,
      ),
      spread(
        across(app.id, path, (r, f) => r.flowsPerSec / f.flowsPerSec),
        times,
      ),
      spread(
        across(
          app.id,
          path,
          (r) => r.flowsPerSec / find(r.cycle, 'hand-written', path)!.flowsPerSec,
        ),
        times,
      ),
      spread(
        across(app.id, path, (r) => r.cpuMsPerFlow),
        (v) => num(v, 2),
      ),
      spread(
        across(app.id, path, (r) => r.sqlPerFlow),
        (v) => num(v, 1),
      ),
    ]),
  );
  const social = (
    path: PathId,
    figure: (r: PhaseResult, floor: PhaseResult, hand: PhaseResult) => number,
  ) =>
    cycles.map((cycle) =>
      figure(
        find(cycle, 'nestjs-social', path)!,
        find(cycle, 'floor', path)!,
        find(cycle, 'hand-written', path)!,
      ),
    );
  const targetRows = PATHS.flatMap((path) => {
    const cpu = social(path, (r, f) => r.cpuMsPerFlow / f.cpuMsPerFlow);
    const speed = social(path, (r, _f, h) => r.flowsPerSec / h.flowsPerSec);
    const sql = social(path, (r, _f, h) => r.sqlPerFlow - h.sqlPerFlow);
    const sqlOf = social(path, (r, _f, h) => r.sqlPerFlow / h.sqlPerFlow);
    return [
      [
        `CPU per flow ≤ 1.40× the floor (${path})`,
        spread(cpu, times),
        verdict(Math.max(...cpu) <= 1.4),
      ],
      [
        `flows/s ≥ 1.20× the hand-written app (${path})`,
        spread(speed, times),
        verdict(Math.min(...speed) >= 1.2),
      ],
      [
        `SQL statements per flow ≤ the hand-written app's (${path})`,
        `${spread(sqlOf, times)} (${spread(sql, (v) => (v >= 0 ? `+${num(v)}` : num(v)))} per flow)`,
        verdict(Math.max(...sql) <= 0),
      ],
    ];
  });
  const failures = results.flatMap((r) =>
    r.failures.map((f) => `cycle ${r.cycle} ${r.app} ${r.path}: ${f}`),
  );
  return [
    APPS_TEXT,
    `${settings.flows} measured flows per app, path and cycle, after ${settings.warmup} warm-up flows, ${settings.concurrency} in flight; ` +
      `${cycles.length} cycle${cycles.length === 1 ? '' : 's'}, each with new processes and new SQLite files; the measured flows in ${settings.stretches} stretches, the apps taking turns, so that load from elsewhere falls on all of them alike. ` +
      "CPU is the app process's user + system time (all threads) from /proc/<pid>/stat over the measured flows; RSS from /proc/<pid>/status before and after them; SQL statements counted by better-sqlite3's `verbose` callback, in every app. " +
      'Every ratio is to the floor of the same cycle and path.',
    ...sections,
    `#### Spread over the cycles\n\n${table(['app', 'path', 'CPU ×floor', 'CPU × hand-written', 'flows/s ×floor', 'flows/s × hand-written', 'CPU ms/flow', 'SQL/flow'], spreadRows)}`,
    `#### Targets (nestjs-social)\n\n${table(['target', 'measured (over the cycles)', ''], targetRows)}`,
    failures.length
      ? `#### Failed flows\n\n${failures
          .slice(0, 20)
          .map((f) => `- ${f}`)
          .join('\n')}`
      : 'Every flow ended logged in.',
  ].join('\n\n');
}
