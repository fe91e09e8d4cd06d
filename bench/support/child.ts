import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** What a bench child answers on its IPC channel (see apps/shared/bench-child.ts). */
interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

export interface ChildOptions {
  /** Shown in errors. */
  name: string;
  /** The child's entry, compiled (build-bench.mjs): `new URL('../x/main.js', import.meta.url)`. */
  entry: URL;
  env?: Record<string, string>;
  /** More Node options (`--cpu-prof`, `--expose-gc`). */
  execArgv?: string[];
}

/**
 * A process the bench measures or drives: an app under test or the fake provider, in its own
 * process so the OS accounts its CPU and memory apart from the driver's. It says `ready` with
 * its URL once listening, then answers calls (`stats`, `gc`, `mark`...) over IPC.
 */
export class BenchChild {
  private nextId = 0;
  private readonly pending = new Map<number, (reply: Reply) => void>();
  private readonly exited: Promise<number | null>;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.on('message', (message: Reply) => this.pending.get(message.id)?.(message));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  static start({ name, entry, env = {}, execArgv = [] }: ChildOptions): Promise<BenchChild> {
    const child = fork(fileURLToPath(entry), [], {
      execArgv,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`${name} exited (${code}) before it was ready`));
      child.once('exit', onExit);
      child.once('message', (message: { type?: string; url?: string; error?: string }) => {
        child.off('exit', onExit);
        if (message.type === 'ready' && message.url)
          resolve(new BenchChild(name, child, message.url));
        else
          reject(new Error(`${name} did not start: ${message.error ?? JSON.stringify(message)}`));
      });
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Asks the child for something (see the handlers in apps/shared/bench-child.ts). */
  call<T = unknown>(type: string, payload?: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, (reply) => {
        this.pending.delete(id);
        if (reply.ok) resolve(reply.result as T);
        else reject(new Error(`${this.name}: ${type} failed: ${reply.error}`));
      });
      this.child.send({ id, type, payload });
    });
  }

  /** Closes the app and waits for its exit (which writes a `--cpu-prof` profile); kills it after 10 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    this.child.send({ id: this.nextId++, type: 'close' });
    await this.exited;
    clearTimeout(timer);
  }
}
