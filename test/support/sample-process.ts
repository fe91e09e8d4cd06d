import { type ChildProcess, spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = resolve(import.meta.dirname, '../..');
const MAIN = join(ROOT, 'dist/apps/sample/apps/sample/src/main.js');

/** One module event as the sample's event log (SAMPLE_EVENT_LOG=json) prints it. */
export interface LoggedEvent {
  event: string;
  userId: string | null;
  providerId?: string;
  providerUserId?: string;
  reason?: string;
}

/** A sample app in a process of its own, as deployed. */
export interface SampleProcess {
  url: string;
  events: LoggedEvent[];
  /** Everything it wrote that was not an event line (its logs). */
  output: string[];
  stop(): Promise<void>;
}

/** Builds the sample (`nest build sample`) into dist/, for processes to run. */
export function buildSample(): void {
  execFileSync('npx', ['nest', 'build', 'sample'], { cwd: ROOT, stdio: 'pipe' });
}

/** Starts the built sample with `env` on `port`; resolves once it answers. */
export async function startSampleProcess(
  port: number,
  env: NodeJS.ProcessEnv,
): Promise<SampleProcess> {
  const cwd = mkdtempSync(join(tmpdir(), 'sample-process-'));
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', MAIN], {
    cwd,
    env: { ...process.env, ...env, PORT: String(port), SAMPLE_EVENT_LOG: 'json' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const events: LoggedEvent[] = [];
  const output: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line.startsWith('{"event":')) events.push(JSON.parse(line) as LoggedEvent);
    else output.push(line);
  });
  createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((done) => child.once('exit', done));
    }
    rmSync(cwd, { recursive: true, force: true });
  };
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`The sample exited with ${child.exitCode}:\n${output.slice(-20).join('\n')}`);
    }
    try {
      if ((await fetch(`${url}/login`, { redirect: 'manual' })).status < 500)
        return { url, events, output, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  await stop();
  throw new Error(`The sample did not answer on ${url}:\n${output.slice(-20).join('\n')}`);
}
