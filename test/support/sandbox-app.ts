import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../apps/provider-sandbox/src/index.js';
import {
  type SocialTestApp,
  type SocialTestAppOptions,
  startSocialTestApp,
} from '../fixtures/social-test-app.js';

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
export function useSandboxApp(options?: SocialTestAppOptions): {
  readonly sandbox: RunningSandbox;
  readonly app: SocialTestApp;
} {
  const env = {} as { sandbox: RunningSandbox; app: SocialTestApp };
  beforeAll(async () => {
    env.sandbox = await startSandbox({ logger: false });
    env.app = await startSocialTestApp(env.sandbox, options);
  });
  afterAll(async () => {
    await env.app?.close();
    await env.sandbox?.close();
  });
  beforeEach(async () => {
    await env.app.clearConnections();
    env.app.events.clear();
    env.sandbox.clearFaults();
    env.sandbox.resetCalls();
  });
  return env;
}
