// Round trips under concurrency (issue: several instances, several tabs), on the stores made for
// it: two instances behind one appUrl share PostgreSQL, one session store, and the state store
// (the social_oauth_state table, or Redis).
import { randomBytes } from 'node:crypto';
import { RedisOAuthStateStore, TypeOrmOAuthStateStore } from 'nestjs-social';
import session from 'express-session';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../apps/provider-sandbox/src/index.js';
import { type SocialTestApp, startSocialTestApp } from './fixtures/social-test-app.js';
import { TestBrowser } from './support/browser.js';
import { consentCallbackUrl } from './support/consent.js';
import { freshPostgresDatabase } from './support/databases.js';
import { freePort } from './support/free-port.js';
import { Flows, JSON_ACCEPT } from './support/flows.js';

type Store = {
  name: string;
  stateStore: typeof TypeOrmOAuthStateStore | typeof RedisOAuthStateStore;
};

describe.each<Store>([
  { name: 'the social_oauth_state table', stateStore: TypeOrmOAuthStateStore },
  { name: 'Redis', stateStore: RedisOAuthStateStore },
])('two instances sharing $name', ({ stateStore }) => {
  let sandbox: RunningSandbox;
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let a: SocialTestApp;
  let b: SocialTestApp;

  beforeAll(async () => {
    sandbox = await startSandbox({ logger: false });
    database = await freshPostgresDatabase();
    const sessions = new session.MemoryStore();
    const [portA, portB] = [await freePort(), await freePort()];
    // APP_URL is the load balancer's address: here instance A's; tests send to B by hand.
    const appUrl = `http://127.0.0.1:${portA}`;
    const shared = {
      providers: ['google' as const],
      database: database.url,
      stateStore,
      sessionStore: sessions,
      appUrl,
      overrides: {
        redis: { url: inject('redisUrl'), keyPrefix: `race:${randomBytes(4).toString('hex')}:` },
        tokenEncryptionKeys: [`k1:${randomBytes(32).toString('base64')}`],
      },
    };
    a = await startSocialTestApp(sandbox, { ...shared, port: portA });
    b = await startSocialTestApp(sandbox, { ...shared, port: portB });
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await sandbox?.close();
    await database?.drop();
  });

  beforeEach(async () => {
    await a.clearConnections();
    sandbox.clearFaults();
    sandbox.resetCalls();
  });

  /** Sends a callback URL of the shared appUrl to one instance, with the browser's cookie. */
  async function callback(app: SocialTestApp, url: string, browser: TestBrowser) {
    const { pathname, search } = new URL(url);
    const cookie = [...browser.cookies(a.url)].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(`${app.url}${pathname}${search}`, {
      headers: { ...JSON_ACCEPT, cookie },
      redirect: 'manual',
    });
    return {
      status: response.status,
      body: (await response.json()) as { code?: string; redirect?: string },
    };
  }

  it('the same callback sent to both instances at once redeems the code once: one connects, the other is refused', async () => {
    for (let round = 0; round < 4; round++) {
      await a.clearConnections();
      sandbox.resetCalls();
      const flows = new Flows(a, new TestBrowser(), 'google');
      await flows.logInAs('u1');
      const url = await consentCallbackUrl(
        flows.browser,
        await flows.browser.post(flows.url('/connect/google')),
      );
      const answers = await Promise.all([
        callback(a, url, flows.browser),
        callback(b, url, flows.browser),
      ]);
      expect(answers.map((x) => x.status).sort()).toEqual([201, 403]);
      expect(answers.find((x) => x.status === 403)!.body.code).toBe('OAUTH_STATE_INVALID');
      expect(sandbox.calls('google', 'token')).toBe(1);
      expect(await a.rows()).toHaveLength(1);
    }
  });

  it('a tab whose token exchange is slow does not lose the round trip a second tab started meanwhile', async () => {
    const browser = new TestBrowser();
    const tab1 = new Flows(a, browser, 'google');
    await tab1.logInAs('u1');
    const first = await consentCallbackUrl(
      browser,
      await browser.post(tab1.url('/connect/google')),
      'allow',
      'alice',
    );
    sandbox.setFault({ provider: 'google', endpoint: 'token', kind: 'delay', delayMs: 700 });
    const slow = callback(b, first, browser);
    // Once the token call has arrived, the slow callback has loaded the session and taken its state.
    while (sandbox.calls('google', 'token') === 0) await new Promise((r) => setTimeout(r, 10));
    const second = await consentCallbackUrl(
      browser,
      await browser.post(tab1.url('/connect/google')),
      'allow',
      'bob',
    );
    expect((await slow).status).toBe(201);
    expect((await callback(a, second, browser)).status).toBe(201);
    expect((await a.rows()).map((r) => r.userId)).toEqual(['u1', 'u1']);
  });

  it('two tabs started one after the other each land on their own next page', async () => {
    const browser = new TestBrowser();
    const flows = new Flows(a, browser, 'google');
    await flows.logInAs('u1');
    const first = await consentCallbackUrl(
      browser,
      await browser.post(flows.url('/connect/google'), { next: '/first' }),
      'allow',
      'alice',
    );
    const second = await consentCallbackUrl(
      browser,
      await browser.post(flows.url('/connect/google'), { next: '/second' }),
      'allow',
      'bob',
    );
    expect((await callback(b, second, browser)).body.redirect).toBe('/second');
    expect((await callback(a, first, browser)).body.redirect).toBe('/first');
  });
});
