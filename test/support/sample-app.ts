import { afterAll, beforeAll } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  type RunningSandbox,
  SANDBOX_DEFAULT_CLIENTS,
  startSandbox,
} from '../../apps/provider-sandbox/src/index.js';
import { createSampleApp } from '../../apps/sample/src/create-app.js';
import type { TestBrowser } from './browser.js';
import { freePort } from './free-port.js';

/** The sample app and its provider sandbox, both in this process on 127.0.0.1. */
export interface RunningSampleForTest {
  app: INestApplication;
  sandbox: RunningSandbox;
  /** APP_URL (https when asked for, though the server itself speaks http). */
  appUrl: string;
  /** Where the test reaches the server: http://127.0.0.1:<port>. */
  serverUrl: string;
  dataSource: DataSource;
  close(): Promise<void>;
}

export interface SampleForTestOptions {
  /** An https APP_URL, as behind a TLS-terminating proxy (the server still speaks http). */
  https?: boolean;
  /** TRUST_PROXY (hop count). */
  trustProxy?: number;
  /** DATABASE_URL (default: a fresh SQLite file). */
  databaseUrl?: string;
  /** The sample's environment (`SOCIAL_<P>_*` variables), or a function of its APP_URL. */
  env?: NodeJS.ProcessEnv | ((appUrl: string) => NodeJS.ProcessEnv);
}

/**
 * Boots the sample on a fresh SQLite file with the sandbox providers (their default clients,
 * registered for this APP_URL), listening on a free loopback port.
 */
export async function startSampleForTest(
  options: SampleForTestOptions = {},
): Promise<RunningSampleForTest> {
  const dir = mkdtempSync(join(tmpdir(), 'nestjs-social-sample-'));
  const port = await freePort();
  // 127.0.0.1, not localhost: the sample redirects other host names to its APP_URL.
  const serverUrl = `http://127.0.0.1:${port}`;
  const appUrl = options.https ? `https://127.0.0.1:${port}` : serverUrl;
  const sandbox = await startSandbox({ logger: false, clients: SANDBOX_DEFAULT_CLIENTS(appUrl) });
  let app: INestApplication | undefined;
  try {
    app = await createSampleApp(
      {
        port,
        appUrl,
        databaseUrl: options.databaseUrl ?? `sqlite:${join(dir, 'sample.sqlite')}`,
        sessionSecret: 'sample-test-secret',
        tokenKeys: [`t1:${randomBytes(32).toString('base64')}`],
        sandboxUrl: sandbox.url,
        trustProxy: options.trustProxy,
        env: typeof options.env === 'function' ? options.env(appUrl) : (options.env ?? {}),
      },
      false,
    );
    await app.listen(port, '127.0.0.1');
  } catch (error) {
    await app?.close();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const running = app;
  return {
    app: running,
    sandbox,
    appUrl,
    serverUrl,
    dataSource: running.get(DataSource),
    async close() {
      await running.close();
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The CSRF token of the browser's sample session, read from /login as a page would. */
export async function csrfToken(browser: TestBrowser, appUrl: string): Promise<string> {
  const page = await browser.get(`${appUrl}/login`);
  const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
  if (!token) throw new Error(`No CSRF token on /login (${page.status})`);
  return token;
}

/** Posts a form of the sample, with the CSRF token of the browser's session (as a page would). */
export async function submit(
  browser: TestBrowser,
  appUrl: string,
  path: string,
  form: Record<string, string> = {},
  options: { follow?: boolean } = {},
) {
  const token = await csrfToken(browser, appUrl);
  return browser.post(`${appUrl}${path}`, { ...form, _csrf: token }, options);
}

/** The flash messages and heading of a sample page. */
export function readPage(html: string) {
  return {
    title: /<h1>([^<]*)<\/h1>/.exec(html)?.[1],
    flashes: [...html.matchAll(/<li class="flash[^"]*">([^<]*)<\/li>/g)].map((m) => m[1]),
  };
}

/** The sample for the current file or describe block: started before its tests, closed after. */
export function useSampleForTest(options: SampleForTestOptions = {}): {
  readonly sample: RunningSampleForTest;
  readonly appUrl: string;
} {
  let sample: RunningSampleForTest | undefined;
  beforeAll(async () => {
    sample = await startSampleForTest(options);
  });
  afterAll(async () => {
    await sample?.close();
  });
  return {
    get sample() {
      return sample!;
    },
    get appUrl() {
      return sample!.appUrl;
    },
  };
}
