import { ConnectSessionKnexStore } from 'connect-session-knex';
import type { SessionData } from 'express-session';

type Callback = (err?: unknown, value?: SessionData | null) => void;

/** The longest a session read or write may take before the request is answered 503. */
const DEADLINE_MS = 10_000;

/**
 * connect-session-knex, with every call answered once, only through the callback, and within a
 * deadline, as express-session expects. Its own `get`, `set` and `destroy` call back with the
 * error and then reject too (an unhandled rejection: the process died whenever the database went
 * away), its `touch` rejects without calling back (express-session then never ended the
 * response), and a query on a connection the server dropped could wait forever.
 */
export class SessionTableStore extends ConnectSessionKnexStore {
  override async get(sid: string, callback: Callback) {
    return (await answered(callback, () => super.get(sid, () => undefined))) ?? null;
  }

  override async set(sid: string, session: SessionData, callback?: Callback) {
    await answered(callback, () => super.set(sid, session));
  }

  override async destroy(sid: string, callback?: Callback) {
    return (await answered(callback, () => super.destroy(sid))) ?? 0;
  }

  override async touch(sid: string, session: SessionData, callback?: Callback) {
    await answered(callback, () => super.touch(sid, session));
  }
}

/** Runs `work` (called without a callback: it rejects on failure) and answers `callback` once. */
async function answered<T>(
  callback: Callback | undefined,
  work: () => Promise<T>,
): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          Object.assign(new Error('The session store did not answer in time'), {
            code: 'ETIMEDOUT',
          }),
        ),
      DEADLINE_MS,
    );
  });
  try {
    const value = await Promise.race([work(), deadline]);
    callback?.(null, value as SessionData | null);
    return value;
  } catch (error) {
    callback?.(error);
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
