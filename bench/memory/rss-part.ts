import { appById, type AppId } from '../flows/apps-under-test.js';
import { HttpDriver } from '../flows/http-driver.js';
import { Identities } from '../flows/identities.js';
import { runFlows } from '../flows/run-flows.js';
import { type RunningApp, startApp, startProvider } from '../flows/running-app.js';
import { signIn } from '../flows/sign-in-flow.js';
import { rssMb } from '../support/proc.js';
import type { BenchSettings } from '../support/settings.js';

export interface Checkpoint {
  /** Measured flows done so far (0: right after the warm-up). */
  flows: number;
  rssMb: number;
  heapUsedMb: number;
}

export interface RssResult {
  app: AppId;
  checkpoints: Checkpoint[];
  /** RSS at the last checkpoint over the first, in %. */
  growthPercent: number;
  failures: string[];
}

/** The apps whose memory is followed: the module, and the floor to read it against. */
const APPS: AppId[] = ['floor', 'nestjs-social'];
const CHECKPOINTS = 5;

/**
 * Memory over many flows after a warm-up: sign-ups and returning logins alternating, each ending
 * with a logout (so the session store does not grow and what stays is the app's), RSS from
 * /proc and the heap after a full GC at each checkpoint.
 */
export async function runRssBench(
  settings: BenchSettings,
  log: (line: string) => void,
): Promise<RssResult[]> {
  const provider = await startProvider();
  const driver = new HttpDriver(settings.concurrency);
  const results: RssResult[] = [];
  try {
    for (const id of APPS) {
      const target = await startApp(appById(id), provider, { execArgv: ['--expose-gc'] });
      try {
        results.push(await follow(target, driver, settings));
        log(`memory: ${id} ${results.at(-1)!.growthPercent.toFixed(1)} % RSS growth`);
      } finally {
        await target.stop();
      }
    }
  } finally {
    driver.close();
    await provider.stop();
  }
  return results;
}

async function follow(
  target: RunningApp,
  driver: HttpDriver,
  settings: BenchSettings,
): Promise<RssResult> {
  const ids = new Identities();
  const failures: string[] = [];
  const run = async (count: number, flow: (index: number) => Promise<number>) =>
    failures.push(...(await runFlows(count, settings.concurrency, flow)).failures);
  const half = Math.ceil(Math.max(settings.warmup, 2000) / 2);
  await run(half, () => signIn(driver, target.app, target.url, { sub: ids.fresh(), logout: true }));
  ids.settle();
  const mixed = (index: number) =>
    signIn(driver, target.app, target.url, {
      sub: index % 2 === 0 ? ids.fresh() : ids.known(index),
      logout: true,
    });
  await run(half, mixed);
  const checkpoints = [await checkpoint(target, 0)];
  const step = Math.ceil(settings.rssFlows / CHECKPOINTS);
  for (let done = 0; done < settings.rssFlows;) {
    const count = Math.min(step, settings.rssFlows - done);
    await run(count, mixed);
    done += count;
    checkpoints.push(await checkpoint(target, done));
  }
  const first = checkpoints[0]!.rssMb;
  return {
    app: target.app.id,
    checkpoints,
    growthPercent: (100 * (checkpoints.at(-1)!.rssMb - first)) / first,
    failures,
  };
}

async function checkpoint(target: RunningApp, flows: number): Promise<Checkpoint> {
  const { heapUsed } = await target.child.call<NodeJS.MemoryUsage>('gc');
  return { flows, rssMb: rssMb(target.child.pid), heapUsedMb: heapUsed / 2 ** 20 };
}
