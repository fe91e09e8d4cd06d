// Speed and memory of the module's hot paths: a full OAuth round trip through the real passport
// strategy and the sandbox, and the pieces every callback runs. `npm run bench`.
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { safeRedirectPath } from 'nestjs-social';
import { type RunningSandbox, startSandbox } from '../apps/provider-sandbox/src/index.js';
import { type SocialTestApp, startSocialTestApp } from '../test/fixtures/social-test-app.js';
import { TestBrowser } from '../test/support/browser.js';
import { Flows } from '../test/support/flows.js';

let sandbox: RunningSandbox;
let app: SocialTestApp;
let heapBefore = 0;
let roundTrips = 0;

beforeAll(async () => {
  sandbox = await startSandbox({ logger: false });
  app = await startSocialTestApp(sandbox, { providers: ['google', 'twitter'] });
  const browser = new TestBrowser();
  await new Flows(app, browser, 'google').logInAs('u1');
  await new Flows(app, browser, 'google').connect('allow', 'alice');
  await new Flows(app, browser, 'twitter').connect('allow', 'alice');
  global.gc?.();
  heapBefore = process.memoryUsage().heapUsed;
});

afterAll(async () => {
  global.gc?.();
  const growth = process.memoryUsage().heapUsed - heapBefore;
  console.log(
    `heap growth after ${roundTrips} round trips: ${(growth / 1024 / 1024).toFixed(1)} MiB ` +
      `(${roundTrips ? Math.round(growth / roundTrips) : 0} bytes per round trip, after a full GC; ` +
      'includes the in-process sandbox, which keeps every token it issued for an hour)',
  );
  await app?.close();
  await sandbox?.close();
});

describe('provider login round trip (start, consent, callback, token, profile, DB update, session)', () => {
  for (const provider of ['google', 'twitter'] as const) {
    // One browser, logging out after each login: the session store does not grow, so the heap
    // figure shows what the module itself keeps.
    const browser = new TestBrowser();
    bench(
      provider,
      async () => {
        const flows = new Flows(app, browser, provider);
        await flows.login('allow', 'alice');
        await flows.logOut();
        app.events.clear();
        roundTrips++;
      },
      { time: 3000 },
    );
  }
});

describe('per-request checks', () => {
  bench('safeRedirectPath (valid path)', () => {
    safeRedirectPath('/settings/connections?tab=twitter', '/');
  });
  bench('safeRedirectPath (hostile input)', () => {
    safeRedirectPath('/%2e%2e//evil.example/\\x', '/');
  });
});
