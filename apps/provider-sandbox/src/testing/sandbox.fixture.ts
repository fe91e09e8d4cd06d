import { afterAll, beforeAll, beforeEach } from 'vitest';
import {
  SANDBOX_DEFAULT_CLIENTS,
  sandboxEndpoints,
  type SandboxEndpoints,
} from '../sandbox.endpoints.js';
import type {
  RunningSandbox,
  SandboxClient,
  SandboxOptions,
  SandboxProviderId,
} from '../sandbox.types.js';
import { startSandbox } from '../start-sandbox.js';

/** The app URL the test clients redirect to (never contacted: tests read Location headers). */
export const TEST_APP_URL = 'http://localhost:3000';

/** A quiet sandbox on 127.0.0.1 and a free port, with the default clients for TEST_APP_URL. */
export function startTestSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  return startSandbox({
    logger: false,
    clients: SANDBOX_DEFAULT_CLIENTS(TEST_APP_URL),
    ...options,
  });
}

/**
 * One quiet sandbox for the whole spec file, closed after it, with faults and call counts
 * cleared before each test so no test sees another's. Read it inside hooks and tests only.
 */
export function useTestSandbox(options?: SandboxOptions): {
  readonly sandbox: RunningSandbox;
  /** The sandbox's endpoint URLs, per provider. */
  readonly urls: SandboxEndpoints;
} {
  const env = {} as { sandbox: RunningSandbox; urls: SandboxEndpoints };
  beforeAll(async () => {
    env.sandbox = await startTestSandbox(options);
    env.urls = sandboxEndpoints(env.sandbox.url);
  });
  afterAll(() => env.sandbox?.close());
  beforeEach(() => {
    env.sandbox.clearFaults();
    env.sandbox.resetCalls();
  });
  return env;
}

/** The default client of a provider. */
export function testClient(provider: SandboxProviderId): SandboxClient {
  return SANDBOX_DEFAULT_CLIENTS(TEST_APP_URL).find((client) => client.provider === provider)!;
}

/** The login callback URL registered for a provider. */
export function loginCallback(provider: SandboxProviderId): string {
  return `${TEST_APP_URL}/login/${provider}`;
}

/** The query of a redirect target. */
export function queryOf(location: string): URLSearchParams {
  return new URL(location).searchParams;
}

/** `url` with query parameters set. */
export function urlWith(url: string, params: Record<string, string>): string {
  const target = new URL(url);
  for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
  return target.toString();
}

/** POSTs a form, without following redirects. */
export function postForm(
  url: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });
}
