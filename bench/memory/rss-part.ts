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
  /** The V8 heap's committed size: RSS moves in its steps. */
  heapTotalMb: number;
  heapUsedMb: number;
}

export interface RssResult {
  app: AppId;
  /** Flows it took RSS to settle, before the first checkpoint. */
  warmupFlows: number;
  checkpoints: Checkpoint[];
  /** RSS at the last checkpoint over the first, in %. */
  growthPercent: number;
  /** The same for the heap in use after a full GC: what the app keeps. */
  heapGrowthPercent: number;
  /** The same for RSS without the V8 heap committed but free (`rss - heapTotal + heapUsed`). */
  keptGrowthPercent: number;
  failures: string[];
}

const CHECKPOINTS = 5;
/**
 * Warm-up: at least MIN_WARMUP flows (V8 and malloc size themselves to the load over the first
 * few thousand), then steps of WARMUP_STEP until RSS moves less than SETTLED over one, at most
 * MAX_WARMUP.
 */
const WARMUP_STEP = 1000;
const MIN_WARMUP = 5000;
const SETTLED = 0.02;
const MAX_WARMUP = 15_000;

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
    for (const id of settings.rssApps) {
      const target = await startApp(appById(id as AppId), provider, { execArgv: ['--expose-gc'] });
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
  await run(WARMUP_STEP, () =>
    signIn(driver, target.app, target.url, { sub: ids.fresh(), logout: true }),
  );
  ids.settle();
  const mixed = (index: number) =>
    signIn(driver, target.app, target.url, {
      sub: index % 2 === 0 ? ids.fresh() : ids.known(index),
      logout: true,
    });
  const warmupFlows = await warmUp(target, () => run(WARMUP_STEP, mixed));
  const checkpoints = [await checkpoint(target, 0)];
  const step = Math.ceil(settings.rssFlows / CHECKPOINTS);
  for (let done = 0; done < settings.rssFlows;) {
    const count = Math.min(step, settings.rssFlows - done);
    await run(count, mixed);
    done += count;
    checkpoints.push(await checkpoint(target, done));
  }
  const growth = (pick: (c: Checkpoint) => number) =>
    (100 * (pick(checkpoints.at(-1)!) - pick(checkpoints[0]!))) / pick(checkpoints[0]!);
  return {
    app: target.app.id,
    warmupFlows,
    checkpoints,
    growthPercent: growth((c) => c.rssMb),
    heapGrowthPercent: growth((c) => c.heapUsedMb),
    keptGrowthPercent: growth(keptMb),
    failures,
  };
}

/**
 * Flows until RSS has settled: V8 sizes its heap and malloc its arenas to the load over the
 * first few thousand flows, which is not growth. Returns how many flows it took.
 */
async function warmUp(target: RunningApp, step: () => Promise<unknown>): Promise<number> {
  let previous = (await checkpoint(target, 0)).rssMb;
  for (let flows = WARMUP_STEP; ; flows += WARMUP_STEP) {
    await step();
    const { rssMb } = await checkpoint(target, 0);
    const settled = Math.abs(rssMb - previous) / previous < SETTLED;
    if ((settled && flows >= MIN_WARMUP) || flows >= MAX_WARMUP) return flows + WARMUP_STEP;
    previous = rssMb;
  }
}

/** RSS less the V8 heap that is committed but free: V8 commits in steps of 8-16 MB, and frees them later. */
export function keptMb(c: Checkpoint): number {
  return c.rssMb - c.heapTotalMb + c.heapUsedMb;
}

async function checkpoint(target: RunningApp, flows: number): Promise<Checkpoint> {
  const { heapUsed, heapTotal } = await target.child.call<NodeJS.MemoryUsage>('gc');
  return {
    flows,
    rssMb: rssMb(target.child.pid),
    heapTotalMb: heapTotal / 2 ** 20,
    heapUsedMb: heapUsed / 2 ** 20,
  };
}
