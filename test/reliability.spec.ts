// SECURITY.md §2 reliability: a database failure mid-callback (R2), a session store that fails
// (R5), and a round trip that starts on one instance and ends on another (R5).
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import session from 'express-session';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type RunningSandbox,
  SANDBOX_DEFAULT_CLIENTS,
  startSandbox,
} from '../apps/provider-sandbox/src/index.js';
import { createSampleApp } from '../apps/sample/src/create-app.js';
import { TestBrowser } from './support/browser.js';
import { consentCallbackUrl } from './support/consent.js';
import { freshPostgresDatabase } from './support/databases.js';
import { freePort } from './support/free-port.js';
import { Flows, JSON_ACCEPT } from './support/flows.js';
import { readPage, submit } from './support/sample-app.js';
import { useSandboxApp } from './support/sandbox-app.js';

describe('R2: the database fails in the middle of a callback', () => {
  const env = useSandboxApp({ providers: ['google'] });

  it('answers 503 SERVICE_UNAVAILABLE (never a 500), and writes nothing', async () => {
    const f = new Flows(env.app, new TestBrowser(), 'google');
    await f.logInAs('u1');
    const consent = await f.browser.post(f.url('/connect/google'));
    const callback = new URL(await consentCallbackUrl(f.browser, consent));
    // The database turns read-only (a full disk, a failover): the insert fails with SQLITE_READONLY.
    await env.app.dataSource.query('PRAGMA query_only = ON');
    try {
      const answer = await f.json(callback.pathname + callback.search);
      expect(answer).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
      expect(answer.text).not.toMatch(/stack|QueryFailedError|social_connection/);
    } finally {
      await env.app.dataSource.query('PRAGMA query_only = OFF');
    }
    expect(await env.app.rows()).toEqual([]);
  });
});

/** A session store whose writes fail, as a store whose server went away. */
class FailingStore extends session.MemoryStore {
  failing = false;
  override set(sid: string, data: session.SessionData, callback?: (err?: unknown) => void) {
    if (this.failing) return callback?.(new Error('session store down'));
    super.set(sid, data, callback);
  }
}

describe('R5: the session store fails when a round trip starts', () => {
  const store = new FailingStore();
  const env = useSandboxApp({ providers: ['facebook'], sessionStore: store });

  it('answers 503 SERVICE_UNAVAILABLE and does not send the browser to the provider', async () => {
    const f = new Flows(env.app, new TestBrowser(), 'facebook');
    await f.logInAs('u1');
    store.failing = true;
    try {
      const page = await f.browser.post(
        f.url('/connect/facebook'),
        {},
        { headers: JSON_ACCEPT, follow: false },
      );
      expect(page.status).toBe(503);
      expect(JSON.parse(page.text)).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      expect(page.headers.get('location')).toBeNull();
    } finally {
      store.failing = false;
    }
  });
});

describe('R5: two instances behind one APP_URL share the session store (PostgreSQL)', () => {
  let sandbox: RunningSandbox;
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  const instances: INestApplication[] = [];
  let appUrl: string;
  let portB: number;

  beforeAll(async () => {
    database = await freshPostgresDatabase();
    const [portA, second] = [await freePort(), await freePort()];
    portB = second;
    // APP_URL is the load balancer's address; here it is instance A's, and the test sends the
    // callback to instance B by hand.
    appUrl = `http://127.0.0.1:${portA}`;
    sandbox = await startSandbox({ logger: false, clients: SANDBOX_DEFAULT_CLIENTS(appUrl) });
    const config = {
      port: portA,
      appUrl,
      databaseUrl: database.url,
      sessionSecret: 'shared-secret',
      tokenKeys: [`k1:${randomBytes(32).toString('base64')}`],
      sandboxUrl: sandbox.url,
      env: {},
    };
    // Both boot at once on the empty database, as a rollout starts them: the migrations and the
    // session table must not race (the session store used to create its table itself, and one
    // instance in four lost the race and could not read sessions afterwards).
    const booted = await Promise.all(
      [portA, portB].map(async (port) => {
        const app = await createSampleApp({ ...config, port }, false);
        await app.listen(port, '127.0.0.1');
        return app;
      }),
    );
    instances.push(...booted);
  });

  afterAll(async () => {
    for (const app of instances) await app.close();
    await sandbox?.close();
    await database?.drop();
  });

  it('a connect started on instance A completes on instance B', async () => {
    const browser = new TestBrowser();
    await submit(browser, appUrl, '/register', {
      email: 'lb@example.com',
      password: 'long enough',
    });
    const consent = await submit(browser, appUrl, '/connect/google', { next: '/profile' });
    const callback = new URL(await consentCallbackUrl(browser, consent));
    const sid = browser.cookies(appUrl).get('sample.sid')!;
    // The load balancer keeps the Host header (fetch cannot set it, so node:http does).
    const answer = await new Promise<{ status: number; location?: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: portB,
          path: callback.pathname + callback.search,
          headers: { cookie: `sample.sid=${sid}`, host: new URL(appUrl).host },
        },
        (res) => {
          res.resume();
          resolve({ status: res.statusCode!, location: res.headers.location });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(answer).toEqual({ status: 302, location: '/profile' });
    const profile = await browser.get(`${appUrl}/profile`);
    expect(readPage(profile.text).flashes).toEqual(['Connection established to Google']);
  });
});

describe('a disconnect that lands between the lookup and the token update', () => {
  const env = useSandboxApp({ providers: ['foursquare'] });

  /** Makes the next UPDATE of a connection find it gone, as if another tab disconnected it. */
  async function removeOnNextUpdate() {
    await env.app.dataSource.query(
      `CREATE TRIGGER gone BEFORE UPDATE ON social_connection
       BEGIN DELETE FROM social_connection WHERE id = OLD.id; END`,
    );
  }

  afterEach(async () => {
    await env.app.dataSource.query('DROP TRIGGER IF EXISTS gone');
  });

  it('a provider login is refused cleanly (401 OAUTH_ACCOUNT_NOT_LINKED), never a 500', async () => {
    const f = new Flows(env.app, new TestBrowser(), 'foursquare');
    await f.logInAs('u1');
    await f.connect('allow', 'alice');
    await f.logOut();
    await removeOnNextUpdate();
    const consent = await f.browser.post(f.url('/login/foursquare'));
    const callback = new URL(await consentCallbackUrl(f.browser, consent));
    expect(await f.json(callback.pathname + callback.search)).toMatchObject({
      status: 401,
      code: 'OAUTH_ACCOUNT_NOT_LINKED',
    });
    expect(await f.me()).toBeNull();
    expect(await env.app.rows()).toEqual([]);
  });

  it('connecting the same account again answers 409 CONNECTION_NOT_FOUND, never a 500', async () => {
    const f = new Flows(env.app, new TestBrowser(), 'foursquare');
    await f.logInAs('u1');
    await f.connect('allow', 'alice');
    await removeOnNextUpdate();
    expect(await f.connectJson('alice')).toMatchObject({
      status: 409,
      code: 'CONNECTION_NOT_FOUND',
    });
    expect(await env.app.rows()).toEqual([]);
  });
});

// Each provider with a revocation endpoint: Google (the token alone), the discovered OIDC
// issuer (its revocation_endpoint, client authenticated) and X's OAuth 2.0 (HTTP Basic).
describe.each([
  { provider: 'google', probe: '/google/oauth2/v3/userinfo' },
  { provider: 'oidc', probe: '/oidc/protocol/openid-connect/userinfo' },
  { provider: 'twitter', probe: '/twitter/2/users/me', twitterProtocol: 'oauth2' },
] as const)('R8: disconnect revokes the grant at the provider ($provider), best effort', (spec) => {
  const env = useSandboxApp({
    providers: [spec.provider],
    twitterProtocol: 'twitterProtocol' in spec ? spec.twitterProtocol : undefined,
  });

  it('a removed connection is revoked: its access token no longer works at the provider', async () => {
    const f = new Flows(env.app, new TestBrowser(), spec.provider);
    await f.logInAs('u1');
    await f.connect('allow', 'alice');
    const [connection] = await env.app.connections('u1');
    const probe = `${env.sandbox.url}${spec.probe}`;
    const bearer = { authorization: `Bearer ${connection!.accessToken}` };
    expect((await fetch(probe, { headers: bearer })).status).toBe(200);
    const removed = await f.browser.post(
      f.url(`/connect/${spec.provider}`),
      { _method: 'DELETE' },
      { headers: JSON_ACCEPT },
    );
    expect(removed.status).toBe(200);
    expect((await fetch(probe, { headers: bearer })).status).toBe(401);
  });
});

describe('R8: a revocation endpoint that fails does not stop the disconnect', () => {
  // Nothing listens on port 1: the revocation fails; the connection is gone all the same.
  const env = useSandboxApp({
    providers: ['google'],
    providerOverrides: { google: { revokeURL: 'http://127.0.0.1:1/revoke' } },
  });

  it('the connection is removed (200, flash) and the failure is only logged', async () => {
    const f = new Flows(env.app, new TestBrowser(), 'google');
    await f.logInAs('u1');
    await f.connect('allow', 'alice');
    const removed = await f.browser.post(
      f.url('/connect/google'),
      { _method: 'DELETE' },
      { headers: JSON_ACCEPT },
    );
    expect(removed.status).toBe(200);
    expect(JSON.parse(removed.text).message).toBe('All connections to Google removed');
    expect(await env.app.rows()).toEqual([]);
  });
});
