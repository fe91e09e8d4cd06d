import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../apps/provider-sandbox/src/index.js';
import {
  type SocialTestApp,
  type SocialTestAppOptions,
  startSocialTestApp,
} from '../fixtures/social-test-app.js';
import { freshPostgresDatabase } from './databases.js';

/** The display names the module uses in its messages. */
export const PROVIDER_NAMES = {
  twitter: 'Twitter',
  facebook: 'Facebook',
  google: 'Google',
  foursquare: 'foursquare',
  oidc: 'OpenID Connect',
  github: 'GitHub',
} as const;

/**
 * A sandbox and a test app for the whole file, with a clean slate before each test: no
 * connections, no recorded events, no faults, call counters at zero.
 */
export function useSandboxApp(options?: SocialTestAppOptions & { postgres?: boolean }): {
  readonly sandbox: RunningSandbox;
  readonly app: SocialTestApp;
} {
  const env = {} as { sandbox: RunningSandbox; app: SocialTestApp };
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    env.sandbox = await startSandbox({ logger: false });
    const { postgres, ...appOptions } = options ?? {};
    // `postgres`: a fresh database of the suite's PostgreSQL server instead of a SQLite file.
    const database = postgres ? await freshPostgresDatabase() : undefined;
    drop = database?.drop;
    env.app = await startSocialTestApp(env.sandbox, { ...appOptions, database: database?.url });
  });
  afterAll(async () => {
    await env.app?.close();
    await env.sandbox?.close();
    await drop?.();
  });
  beforeEach(async () => {
    await env.app.clearConnections();
    env.app.events.clear();
    env.sandbox.clearFaults();
    env.sandbox.resetCalls();
  });
  return env;
}
