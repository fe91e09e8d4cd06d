import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../test/support/free-port.js';
import { REPO_ROOT as ROOT } from '../support/repo-root.js';
import type { BenchSettings } from '../support/settings.js';
import { median } from '../support/stats.js';

/** Where `npm run build` puts the sample. */
export const SAMPLE_MAIN = join(ROOT, 'dist/apps/sample/apps/sample/src/main.js');
/** A bare node:http server: what starting a Node process and answering costs at the least. */
const FLOOR_SCRIPT = `require('node:http').createServer((q, s) => s.end('ok')).listen(process.env.PORT, '127.0.0.1')`;

export interface ColdStartResult {
  /** The sample's first boot on an empty database (schema created), ms. */
  firstBootMs: number;
  /** Its later boots on that database, ms each. */
  bootsMs: number[];
  /** The bare node:http server's boots, ms each. */
  floorMs: number[];
}

/**
 * The sample's cold start, from spawning `node` to its first HTTP answer, as built by
 * `npm run build` (built here first unless BENCH_SKIP_BUILD=1), beside a bare node:http server.
 */
export async function runColdStart(
  settings: BenchSettings,
  log: (line: string) => void,
): Promise<ColdStartResult> {
  if (process.env.BENCH_SKIP_BUILD !== '1' || !existsSync(SAMPLE_MAIN)) {
    log('cold start: building the sample (nest build sample)');
    const built = spawnSync(join(ROOT, 'node_modules/.bin/nest'), ['build', 'sample'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    if (built.status !== 0) throw new Error('nest build sample failed');
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-cold-start-'));
  try {
    const env = {
      DATABASE_URL: `sqlite:${join(dir, 'sample.sqlite')}`,
      SESSION_SECRET: randomBytes(32).toString('hex'),
      SOCIAL_TOKEN_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    };
    const firstBootMs = await timeToFirstAnswer([SAMPLE_MAIN], env, dir);
    const bootsMs: number[] = [];
    const floorMs: number[] = [];
    for (let i = 0; i < settings.coldStarts; i++) {
      bootsMs.push(await timeToFirstAnswer([SAMPLE_MAIN], env, dir));
      floorMs.push(await timeToFirstAnswer(['-e', FLOOR_SCRIPT], {}, dir));
    }
    log(
      `cold start: sample ${median(bootsMs).toFixed(0)} ms, bare node:http ${median(floorMs).toFixed(0)} ms`,
    );
    return { firstBootMs, bootsMs, floorMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Spawns `node args` with PORT set and polls until it answers any HTTP request; kills it. */
async function timeToFirstAnswer(
  args: string[],
  env: Record<string, string>,
  cwd: string,
): Promise<number> {
  const port = await freePort();
  const began = performance.now();
  const child = spawn(process.execPath, args, {
    cwd,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      APP_URL: `http://127.0.0.1:${port}`,
      NODE_ENV: 'development',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`${args.join(' ')} exited (${child.exitCode}) before answering`);
      if (await answers(port)) return performance.now() - began;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(true));
    });
    req.on('error', () => resolve(false));
    req.end();
  });
}
