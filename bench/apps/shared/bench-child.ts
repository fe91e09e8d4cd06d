import { sqlCounter } from './sql-counter.js';

/** An app (or the fake provider) listening, and how to stop it. */
export interface Served {
  url: string;
  close(): Promise<void>;
}

type Handler = (payload: unknown) => unknown;

/** What every bench child answers over IPC, besides `close`. */
const HANDLERS: Record<string, Handler> = {
  /** Statements run so far. */
  stats: () => ({ sql: sqlCounter.count }),
  /** A full GC (the child runs with --expose-gc), then the heap. */
  gc: () => {
    globalThis.gc?.();
    return process.memoryUsage();
  },
  /** Now on the clock of V8's CPU profiles (µs), to cut a `--cpu-prof` profile into phases. */
  mark: () => Number(process.hrtime.bigint() / 1000n),
  /** Starts recording statement texts, or stops and returns them. */
  trace: (on) => {
    const recorded = sqlCounter.trace ?? [];
    sqlCounter.trace = on ? [] : undefined;
    return recorded;
  },
};

/**
 * The child side of `BenchChild`: starts the server, reports `ready` with its URL, answers the
 * driver's calls, and exits once closed.
 */
export function serveInBench(start: () => Promise<Served>): void {
  if (!process.send)
    throw new Error('Run by the bench (bench/support/child.ts), with an IPC channel');
  start().then(
    (served) => {
      process.on('message', (message: { id: number; type: string; payload?: unknown }) => {
        void answer(served, message);
      });
      // The bench went away (a crash, Ctrl-C): do not outlive it.
      process.once('disconnect', () => process.exit(0));
      process.send!({ type: 'ready', url: served.url });
    },
    (error: unknown) => {
      process.send!({
        type: 'failed',
        error: error instanceof Error ? error.stack : String(error),
      });
      process.exit(1);
    },
  );
}

async function answer(
  served: Served,
  { id, type, payload }: { id: number; type: string; payload?: unknown },
) {
  if (type === 'close') {
    await served.close();
    // process.exit, not a signal: `--cpu-prof` writes its profile on a normal exit.
    process.exit(0);
  }
  const handler = HANDLERS[type];
  try {
    if (!handler) throw new Error(`unknown call "${type}"`);
    process.send!({ id, ok: true, result: await handler(payload) });
  } catch (error) {
    process.send!({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
}
