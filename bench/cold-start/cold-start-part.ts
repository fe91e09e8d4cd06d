import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readCpuProfile, samplesBetween } from '../profile/cpu-profile.js';
import { type ProfileSummary, summarise } from '../profile/profile-summary.js';
import { freePort } from '../../test/support/free-port.js';
import { cpuMs } from '../support/proc.js';
import { REPO_ROOT as ROOT } from '../support/repo-root.js';
import type { BenchSettings } from '../support/settings.js';
import { median } from '../support/stats.js';

/** Where `npm run build` puts the sample. */
export const SAMPLE_MAIN = join(ROOT, 'dist/apps/sample/apps/sample/src/main.js');
/** Where `npm run build` puts the provider sandbox the sample's providers point at. */
const SANDBOX_MAIN = join(ROOT, 'dist/apps/provider-sandbox/apps/provider-sandbox/src/main.js');
/** A bare node:http server: what starting a Node process and answering costs at the least. */
const FLOOR_SCRIPT = `require('node:http').createServer((q, s) => s.end('ok')).listen(process.env.PORT, '127.0.0.1')`;

/** One start: the time to the first answer, and the CPU the process had used by then (/proc). */
export interface Boot {
  ms: number;
  cpuMs: number;
}

export interface ColdStartResult {
  /** The sample's first boot on an empty database (schema created). */
  firstBoot: Boot;
  /** One more boot under `node --cpu-prof`: where its main-thread time goes. */
  profile: ProfileSummary;
  /** Its later boots on that database. */
  boots: Boot[];
  /** The bare node:http server's boots. */
  floor: Boot[];
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
    for (const project of ['sample', 'provider-sandbox']) {
      log(`cold start: building the ${project} (nest build ${project})`);
      const built = spawnSync(join(ROOT, 'node_modules/.bin/nest'), ['build', project], {
        cwd: ROOT,
        stdio: 'inherit',
      });
      if (built.status !== 0) throw new Error(`nest build ${project} failed`);
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-cold-start-'));
  // The sample discovers its OpenID Connect provider (the sandbox's issuer) as it boots, as
  // `npm start` runs it: the sandbox answers first, in a process of its own, outside the figures.
  const sandbox = await startSandboxProcess(dir);
  try {
    const env = {
      SANDBOX_URL: sandbox.url,
      DATABASE_URL: `sqlite:${join(dir, 'sample.sqlite')}`,
      SESSION_SECRET: randomBytes(32).toString('hex'),
      SOCIAL_TOKEN_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    };
    const firstBoot = await timeToFirstAnswer([SAMPLE_MAIN], env, dir);
    const boots: Boot[] = [];
    const floor: Boot[] = [];
    for (let i = 0; i < settings.coldStarts; i++) {
      boots.push(await timeToFirstAnswer([SAMPLE_MAIN], env, dir));
      floor.push(await timeToFirstAnswer(['-e', FLOOR_SCRIPT], {}, dir));
    }
    const ms = (list: Boot[]) => median(list.map((boot) => boot.ms)).toFixed(0);
    log(`cold start: sample ${ms(boots)} ms, bare node:http ${ms(floor)} ms`);
    return { firstBoot, boots, floor, profile: profileBoot(env, dir) };
  } finally {
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The built provider sandbox on a free port, once it answers. */
async function startSandboxProcess(cwd: string) {
  const port = await freePort();
  const child = spawn(process.execPath, [SANDBOX_MAIN], {
    cwd,
    env: { ...process.env, SANDBOX_PORT: String(port), NODE_ENV: 'development' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
  };
  while (!(await answers(port))) {
    if (child.exitCode !== null) throw new Error(`the sandbox exited (${child.exitCode})`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  // The sandbox names itself by localhost (its issuer), and the sample must ask by that name.
  return { url: `http://localhost:${port}`, stop };
}

/** Boots the sample under `node --cpu-prof` and exits as soon as it listens (main.js awaits listen). */
function profileBoot(env: Record<string, string>, dir: string): ProfileSummary {
  const profiles = mkdtempSync(join(dir, 'profile-'));
  const script = `import(${JSON.stringify(pathToFileURL(SAMPLE_MAIN).href)}).then(() => process.exit(0))`;
  const booted = spawnSync(
    process.execPath,
    ['--cpu-prof', `--cpu-prof-dir=${profiles}`, '-e', script],
    {
      cwd: dir,
      env: {
        ...process.env,
        ...env,
        PORT: '0',
        APP_URL: 'http://127.0.0.1:3999',
        NODE_ENV: 'development',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (booted.status !== 0) throw new Error(`the profiled boot failed (${booted.status})`);
  const file = readdirSync(profiles).find((name) => name.endsWith('.cpuprofile'))!;
  const profile = readCpuProfile(join(profiles, file));
  return summarise(samplesBetween(profile, profile.startTime, profile.endTime), 1, 15);
}

/** Spawns `node args` with PORT set and polls until it answers any HTTP request; kills it. */
async function timeToFirstAnswer(
  args: string[],
  env: Record<string, string>,
  cwd: string,
): Promise<Boot> {
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
      if (await answers(port)) return { ms: performance.now() - began, cpuMs: cpuMs(child.pid!) };
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
