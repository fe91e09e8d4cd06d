import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appById, type AppId } from '../flows/apps-under-test.js';
import { PATHS, type PathId } from '../flows/flow-bench.js';
import { HttpDriver } from '../flows/http-driver.js';
import { Identities } from '../flows/identities.js';
import { runFlows } from '../flows/run-flows.js';
import { startApp, startProvider, type RunningApp } from '../flows/running-app.js';
import { signIn } from '../flows/sign-in-flow.js';
import type { BenchSettings } from '../support/settings.js';
import type { BenchChild } from '../support/child.js';
import { readCpuProfile, samplesBetween } from './cpu-profile.js';
import { type ProfileSummary, summarise } from './profile-summary.js';
import { normaliseStatement } from './statement-list.js';

export interface AppProfile {
  app: AppId;
  /** Per path: the CPU profile of its measured flows, and the statements of one flow, in order. */
  paths: { path: PathId; summary?: ProfileSummary; statements: string[] }[];
}

/** The Nest apps profiled; the floor only has its statements listed. */
const PROFILED: AppId[] = ['nestjs-social', 'hand-written'];

/**
 * Profiles each Nest app on both paths with `node --cpu-prof` (the profile is cut to the measured
 * flows by marks on the same clock), and records the SQL statements of one flow of each path.
 */
export async function runProfiles(
  settings: BenchSettings,
  log: (line: string) => void,
): Promise<AppProfile[]> {
  const provider = await startProvider();
  const driver = new HttpDriver(settings.concurrency);
  try {
    const profiles: AppProfile[] = [];
    for (const id of ['nestjs-social', 'hand-written', 'floor'] as AppId[]) {
      profiles.push(await profileApp(id, provider, driver, settings));
      log(`profiled ${id}`);
    }
    return profiles;
  } finally {
    driver.close();
    await provider.stop();
  }
}

async function profileApp(
  id: AppId,
  provider: BenchChild,
  driver: HttpDriver,
  settings: BenchSettings,
): Promise<AppProfile> {
  const profiled = PROFILED.includes(id);
  const dir = mkdtempSync(join(tmpdir(), `bench-profile-${id}-`));
  const target = await startApp(appById(id), provider, {
    execArgv: profiled ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [],
    // tmpfs: SQLite's fsync waits would stand in the samples as busy time.
    databaseDir: existsSync('/dev/shm') ? '/dev/shm' : undefined,
  });
  const ids = new Identities();
  const flowOf = (path: PathId) => (index: number) =>
    signIn(driver, target.app, target.url, {
      sub: path === 'sign-up' ? ids.fresh() : ids.known(index),
    });
  try {
    const windows: { path: PathId; from: number; to: number }[] = [];
    const statements = new Map<PathId, string[]>();
    for (const path of PATHS) {
      if (path === 'returning') ids.settle();
      if (profiled) {
        await check(runFlows(settings.warmup, settings.concurrency, flowOf(path)));
        const from = await target.child.call<number>('mark');
        await check(runFlows(settings.profileFlows, settings.concurrency, flowOf(path)));
        windows.push({ path, from, to: await target.child.call<number>('mark') });
      } else if (path === 'sign-up') {
        await check(runFlows(1, 1, flowOf(path)));
      }
      statements.set(path, await traceOneFlow(target, flowOf(path)));
    }
    await target.stop();
    const file = profiled
      ? readdirSync(dir).find((name) => name.endsWith('.cpuprofile'))
      : undefined;
    const profile = file ? readCpuProfile(join(dir, file)) : undefined;
    return {
      app: id,
      paths: PATHS.map((path) => {
        const window = windows.find((w) => w.path === path);
        return {
          path,
          summary:
            profile && window
              ? summarise(samplesBetween(profile, window.from, window.to), settings.profileFlows)
              : undefined,
          statements: statements.get(path)!,
        };
      }),
    };
  } finally {
    await target.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The statements of one flow, run alone. */
async function traceOneFlow(target: RunningApp, flow: (index: number) => Promise<number>) {
  await target.child.call('trace', true);
  await check(runFlows(1, 1, flow));
  return (await target.child.call<string[]>('trace', false)).map(normaliseStatement);
}

async function check(run: ReturnType<typeof runFlows>): Promise<void> {
  const { failures } = await run;
  if (failures.length) throw new Error(`profiled flows failed: ${failures.slice(0, 3).join('; ')}`);
}
