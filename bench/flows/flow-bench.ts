import type { BenchSettings } from '../support/settings.js';
import { APPS, type AppId } from './apps-under-test.js';
import { HttpDriver } from './http-driver.js';
import { Identities } from './identities.js';
import { combine, measureStretch, type PhaseFigures, type Stretch } from './measure-phase.js';
import { runFlows } from './run-flows.js';
import { type RunningApp, startApp, startProvider } from './running-app.js';
import { signIn } from './sign-in-flow.js';

export type PathId = 'sign-up' | 'returning';
export const PATHS: readonly PathId[] = ['sign-up', 'returning'];

export interface PhaseResult extends PhaseFigures {
  cycle: number;
  app: AppId;
  path: PathId;
}

interface Running {
  target: RunningApp;
  ids: Identities;
}

/**
 * The side-by-side run. Each cycle starts every app afresh (a new process, a new SQLite file);
 * per path, each app warms up, then the measured flows go in stretches, the apps taking turns
 * stretch by stretch, so that load from elsewhere on the machine falls on every app alike.
 * Ratios are read within a cycle.
 */
export async function runFlowBench(
  settings: BenchSettings,
  log: (line: string) => void,
): Promise<PhaseResult[]> {
  const provider = await startProvider();
  const driver = new HttpDriver(settings.concurrency);
  const results: PhaseResult[] = [];
  try {
    for (let cycle = 1; cycle <= settings.cycles; cycle++) {
      const apps: Running[] = [];
      try {
        for (const app of APPS)
          apps.push({ target: await startApp(app, provider), ids: new Identities() });
        for (const path of PATHS) {
          for (const figures of await measurePath(apps, driver, path, settings)) {
            results.push({ cycle, path, ...figures });
            log(
              `cycle ${cycle} ${figures.app} ${path}: ${figures.flowsPerSec.toFixed(0)} flows/s, ` +
                `${figures.cpuMsPerFlow.toFixed(2)} CPU ms/flow, ${figures.sqlPerFlow.toFixed(1)} SQL/flow` +
                (figures.failures.length ? `, ${figures.failures.length} FAILED` : ''),
            );
          }
        }
      } finally {
        for (const { target } of apps) await target.stop();
      }
    }
  } finally {
    driver.close();
    await provider.stop();
  }
  return results;
}

async function measurePath(
  apps: Running[],
  driver: HttpDriver,
  path: PathId,
  { warmup, flows, concurrency, stretches }: BenchSettings,
): Promise<(PhaseFigures & { app: AppId })[]> {
  const flowOf =
    ({ target, ids }: Running) =>
    (index: number) =>
      signIn(driver, target.app, target.url, {
        sub: path === 'sign-up' ? ids.fresh() : ids.known(index),
      });
  const warmFailures = new Map<Running, string[]>();
  for (const app of apps) {
    // Returning logins are of accounts that signed up in the sign-up phase.
    if (path === 'returning') app.ids.settle();
    warmFailures.set(app, (await runFlows(warmup, concurrency, flowOf(app))).failures);
  }
  const measured = new Map<Running, Stretch[]>(apps.map((app) => [app, []]));
  const size = Math.ceil(flows / stretches);
  for (let done = 0; done < flows; done += size) {
    const count = Math.min(size, flows - done);
    for (const app of apps) {
      const flow = flowOf(app);
      measured
        .get(app)!
        .push(
          await measureStretch(app.target, () =>
            runFlows(count, concurrency, (i) => flow(done + i)),
          ),
        );
    }
  }
  return apps.map((app) => {
    const figures = combine(measured.get(app)!);
    return {
      ...figures,
      app: app.target.app.id,
      failures: [...warmFailures.get(app)!, ...figures.failures],
    };
  });
}
