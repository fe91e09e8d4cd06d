import { randomBytes } from 'node:crypto';
import session from 'express-session';
import { afterAll, beforeAll } from 'vitest';
import {
  type RunningSandbox,
  type SandboxOptions,
  startSandbox,
} from '../../apps/provider-sandbox/src/index.js';
import {
  type SocialTestApp,
  type SocialTestAppOptions,
  startSocialTestApp,
} from '../fixtures/social-test-app.js';
import { freshPostgresDatabase } from './databases.js';
import { freePort } from './free-port.js';

/**
 * Two instances of one host app behind one public URL (instance A's address), as a load balancer
 * would run them: one PostgreSQL database, one session store, one sandbox; `options` for both,
 * `perInstance` for each (e.g. a keyring that differs while a rotation rolls out).
 */
export function useTwoInstances(
  options: SocialTestAppOptions = {},
  perInstance: [SocialTestAppOptions, SocialTestAppOptions] = [{}, {}],
  sandboxOptions: SandboxOptions = {},
) {
  const env = {} as {
    sandbox: RunningSandbox;
    a: SocialTestApp;
    b: SocialTestApp;
    database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  };
  beforeAll(async () => {
    env.sandbox = await startSandbox({ logger: false, ...sandboxOptions });
    env.database = await freshPostgresDatabase();
    const [portA, portB] = [await freePort(), await freePort()];
    const shared: SocialTestAppOptions = {
      ...options,
      database: env.database.url,
      sessionStore: new session.MemoryStore(),
      appUrl: `http://127.0.0.1:${portA}`,
      overrides: {
        tokenEncryptionKeys: [`k1:${randomBytes(32).toString('base64')}`],
        ...options.overrides,
      },
    };
    const merge = (extra: SocialTestAppOptions, port: number) => ({
      ...shared,
      ...extra,
      overrides: { ...shared.overrides, ...extra.overrides },
      port,
    });
    env.a = await startSocialTestApp(env.sandbox, merge(perInstance[0], portA));
    env.b = await startSocialTestApp(env.sandbox, merge(perInstance[1], portB));
  });
  afterAll(async () => {
    await env.a?.close();
    await env.b?.close();
    await env.sandbox?.close();
    await env.database?.drop();
  });
  return env;
}

/** The cookie header a test browser would send to the shared URL. */
export function cookieHeader(cookies: Map<string, string>): string {
  return [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
}
