import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { SANDBOX_DEFAULT_CLIENTS, startSandbox } from '../../apps/provider-sandbox/src/index.js';
import { createSampleApp } from '../../apps/sample/src/create-app.js';
import { freePort } from '../support/free-port.js';

/** Every page is seen at this size (the README screenshots too). */
export const VIEWPORT = { width: 1000, height: 720 };

/** Debian's Chromium: Playwright's own browser builds cannot be downloaded here. */
function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** The provider sandbox and the sample app on a fresh SQLite file, both on 127.0.0.1. */
export interface RunningSample {
  appUrl: string;
  close(): Promise<void>;
}

async function startSample(): Promise<RunningSample> {
  const dir = mkdtempSync(join(tmpdir(), 'nestjs-social-browser-'));
  const port = await freePort();
  // 127.0.0.1, not localhost: the sample redirects other host names to its APP_URL.
  const appUrl = `http://127.0.0.1:${port}`;
  const sandbox = await startSandbox({ logger: false, clients: SANDBOX_DEFAULT_CLIENTS(appUrl) });
  const app = await createSampleApp(
    {
      port,
      appUrl,
      databaseUrl: `sqlite:${join(dir, 'sample.sqlite')}`,
      sessionSecret: 'browser-test-secret',
      tokenKeys: [`t1:${randomBytes(32).toString('base64')}`],
      sandboxUrl: sandbox.url,
      env: {},
    },
    false,
  );
  await app.listen(port, '127.0.0.1');
  return {
    appUrl,
    async close() {
      await app.close();
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One Chromium for the file: launched before its first test, closed after its last. */
export function useChromium(): { readonly browser: Browser } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get browser() {
      if (!browser) throw new Error('Chromium is not running');
      return browser;
    },
  };
}

/**
 * The sample (with its sandbox) for the enclosing describe block, and a new browser context per
 * test: no cookie or session carries over from one test to the next.
 */
export function useSampleInBrowser(chromium: { readonly browser: Browser }): {
  readonly appUrl: string;
  readonly page: Page;
} {
  let sample: RunningSample | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    sample = await startSample();
  });
  afterAll(async () => {
    await sample?.close();
  });
  beforeEach(async () => {
    context = await chromium.browser.newContext({ viewport: VIEWPORT });
    // Fail a missing element well before the test's own timeout, with Playwright's message.
    context.setDefaultTimeout(8_000);
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
    page = undefined;
  });
  return {
    get appUrl() {
      if (!sample) throw new Error('The sample is not running');
      return sample.appUrl;
    },
    get page() {
      if (!page) throw new Error('No page outside a test');
      return page;
    },
  };
}
