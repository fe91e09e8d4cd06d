import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../test/support/free-port.js';
import { BenchChild } from '../support/child.js';
import type { AppUnderTest } from './apps-under-test.js';

export interface RunningApp {
  app: AppUnderTest;
  child: BenchChild;
  url: string;
  /** Its SQLite file. */
  database: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** More Node options for the app's process (`--cpu-prof`, `--expose-gc`). */
  execArgv?: string[];
  /** Where its SQLite file goes (in a new folder, deleted on stop). @default the OS temp dir */
  databaseDir?: string;
}

/** Starts an app under test in its own process, on a free loopback port and its own SQLite file. */
export async function startApp(
  app: AppUnderTest,
  provider: BenchChild,
  { execArgv = [], databaseDir = tmpdir() }: StartOptions = {},
): Promise<RunningApp> {
  const dir = mkdtempSync(join(databaseDir, `bench-${app.id}-`));
  const file = join(dir, 'app.sqlite');
  const child = await BenchChild.start({
    name: app.id,
    entry: app.entry,
    execArgv,
    env: {
      BENCH_APP_PORT: String(await freePort()),
      BENCH_PROVIDER_URL: provider.url,
      BENCH_DATABASE: file,
    },
  });
  return {
    app,
    child,
    url: child.url,
    database: file,
    async stop() {
      await child.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The fake OAuth 2 provider, in its own process so its CPU is not counted for any app. */
export function startProvider(): Promise<BenchChild> {
  return BenchChild.start({
    name: 'fake provider',
    entry: new URL('../provider/fake-provider.js', import.meta.url),
  });
}
