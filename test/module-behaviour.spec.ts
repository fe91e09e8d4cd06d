import { describe, expect, it } from 'vitest';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { SocialEvent, type ConnectionCreatedEvent } from 'nestjs-social';
import { SANDBOX_IDENTITIES } from '../apps/provider-sandbox/src/index.js';
import { SignUpTestUsers } from './fixtures/sign-up-test-users.js';
import { TestBrowser } from './support/browser.js';
import { consentCallbackUrl } from './support/consent.js';
import { Flows, pageState } from './support/flows.js';
import { useSandboxApp } from './support/sandbox-app.js';

describe('custom session keys (Flask-Social #48: the login key was hard-coded)', () => {
  const env = useSandboxApp({
    providers: ['google'],
    overrides: {
      postOAuthLoginSessionKey: 'my_login_next',
      postOAuthConnectSessionKey: 'my_connect_next',
    },
  });

  it('keeps `next` under the configured keys through a connect and a login', async () => {
    const flows = new Flows(env.app, new TestBrowser(), 'google');
    await flows.logInAs('u1');
    expect(pageState(await flows.connect('allow', 'alice', { next: '/profile' })).path).toBe(
      '/profile',
    );
    await flows.logOut();
    expect(pageState(await flows.login('allow', 'alice', { next: '/profile' }))).toMatchObject({
      path: '/profile',
      userId: 'u1',
    });
  });
});

describe('flashMessages: false', () => {
  const env = useSandboxApp({ providers: ['twitter'], overrides: { flashMessages: false } });

  it('leaves no flash message, and still redirects', async () => {
    const flows = new Flows(env.app, new TestBrowser(), 'twitter');
    await flows.logInAs('u1');
    const page = pageState(await flows.connect('allow', 'alice'));
    expect(page).toMatchObject({ path: '/connected', flashes: {} });
    expect(await env.app.rows()).toHaveLength(1);
  });
});

describe('sign-up through a provider (SocialUsers.createUserFromProfile)', () => {
  const env = useSandboxApp({ providers: ['facebook'], overrides: { users: SignUpTestUsers } });

  it('creates the user and the connection, and logs the new user in', async () => {
    const flows = new Flows(env.app, new TestBrowser(), 'facebook');
    const page = pageState(await flows.login('allow', 'alice'));
    expect(page).toMatchObject({ path: '/after-login', userId: 'signed-up-3' });
    const [row] = await env.app.rows();
    expect(row).toMatchObject({
      userId: 'signed-up-3',
      providerUserId: SANDBOX_IDENTITIES.facebook[0]!.id,
    });
    expect(env.app.events.names()).toEqual(['connection.created', 'login.completed']);
  });

  it('two tabs signing the same new account up at once: one row, both logged in as one user', async () => {
    const tabs = [new TestBrowser(), new TestBrowser()].map(
      (b) => new Flows(env.app, b, 'facebook'),
    );
    const callbacks = await Promise.all(
      tabs.map(async (tab) =>
        consentCallbackUrl(
          tab.browser,
          await tab.browser.post(tab.url('/login/facebook')),
          'allow',
          'bob',
        ),
      ),
    );
    const answers = await Promise.all(
      tabs.map((tab, i) =>
        tab.browser.get(callbacks[i]!, { headers: { accept: 'application/json' }, follow: false }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const rows = await env.app.rows();
    expect(rows).toHaveLength(1);
    expect(await Promise.all(tabs.map((tab) => tab.me()))).toEqual([
      rows[0]!.userId,
      rows[0]!.userId,
    ]);
  });

  it('refuses as usual when the app declines (null), and creates nothing', async () => {
    const flows = new Flows(env.app, new TestBrowser(), 'facebook');
    const page = pageState(await flows.login('allow', 'carol')); // carol has no email
    expect(page).toMatchObject({ path: '/login', userId: null });
    expect(page.flashes).toEqual({
      error: ['Facebook account not associated with an existing user'],
    });
    expect(await env.app.rows()).toEqual([]);
  });
});

describe('event listeners', () => {
  const seen: { rows: number; event: ConnectionCreatedEvent }[] = [];
  const env = useSandboxApp({ providers: ['foursquare'] });

  it('run after the write committed, and one that throws does not break the request', async () => {
    const emitter = env.app.app.get(EventEmitter2);
    emitter.on(SocialEvent.ConnectionCreated, async (event: ConnectionCreatedEvent) => {
      seen.push({ rows: (await env.app.rows()).length, event });
    });
    emitter.on(SocialEvent.ConnectionCreated, () => {
      throw new Error('listener bug');
    });

    const flows = new Flows(env.app, new TestBrowser(), 'foursquare');
    await flows.logInAs('u1');
    const page = pageState(await flows.connect('allow', 'alice'));

    expect(page.flashes).toEqual({ success: ['Connection established to foursquare'] });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.rows).toBe(1);
  });
});

describe("sign-up through a provider on the app's own page (signUpPage + completeSignUp)", () => {
  const env = useSandboxApp({ providers: ['google'], overrides: { signUpPage: '/sign-up' } });
  const json = { accept: 'application/json' };

  async function loginUnknown(browser: TestBrowser, identity = 'bob') {
    const page = await new Flows(env.app, browser, 'google').login('allow', identity);
    return JSON.parse(page.text);
  }

  it('keeps the profile (no tokens) for the page, then creates user and connection and logs in', async () => {
    await env.app.dataSource.query('CREATE TABLE IF NOT EXISTS test_account (id varchar(64))');
    const browser = new TestBrowser();
    const page = await loginUnknown(browser);
    expect(page.path).toBe('/sign-up');
    expect(page.flashes).toEqual({
      error: ['Google account not associated with an existing user'],
    });
    expect(page.profile).toMatchObject({
      providerId: 'google',
      providerUserId: SANDBOX_IDENTITIES.google[1]!.id,
      emailVerified: false,
    });
    expect(JSON.stringify(page.profile)).not.toMatch(/token/i);
    expect(env.app.events.named('login.failed')).toEqual([
      expect.objectContaining({ reason: 'no_connection' }),
    ]);

    // The waiting tokens are sealed in the session store, like a connection's.
    const stored = JSON.parse(
      (await browser.get(`${env.app.url}/test/session/social:signup`)).text,
    );
    expect(stored.value.tokens.accessToken).toMatch(/^v1\./);
    const created = await browser.post(
      `${env.app.url}/sign-up`,
      { id: 'new-bob' },
      { headers: json },
    );
    expect(created.status).toBe(201);
    expect(await env.app.rows()).toEqual([
      expect.objectContaining({ userId: 'new-bob', providerId: 'google' }),
    ]);
    expect(await env.app.dataSource.query('SELECT id FROM test_account')).toEqual([
      { id: 'new-bob' },
    ]);
    expect(pageState(await browser.get(`${env.app.url}/`)).userId).toBe('new-bob');
    expect(env.app.events.names()).toEqual([
      'login.failed',
      'connection.created',
      'login.completed',
    ]);

    const again = await browser.post(
      `${env.app.url}/sign-up`,
      { id: 'new-bob-2' },
      { headers: json },
    );
    expect(JSON.parse(again.text)).toMatchObject({ name: 'NoPendingSignUpError' });
  });

  it("rolls the app's own row back with the connection when the sign-up fails", async () => {
    await env.app.dataSource.query('CREATE TABLE IF NOT EXISTS test_account (id varchar(64))');
    await env.app.dataSource.query('DELETE FROM test_account');
    const browser = new TestBrowser();
    await loginUnknown(browser, 'carol');
    const refused = await browser.post(
      `${env.app.url}/sign-up`,
      { id: 'carol-1', failAfterInsert: '1' },
      { headers: json },
    );
    expect(refused.status).toBe(422);
    expect(await env.app.dataSource.query('SELECT id FROM test_account')).toEqual([]);
    expect(await env.app.rows()).toEqual([]);
    // The profile still waits: the person can correct the form and try again.
    const retried = await browser.post(
      `${env.app.url}/sign-up`,
      { id: 'carol-2' },
      { headers: json },
    );
    expect(retried.status).toBe(201);
  });
});

describe('refresh tokens across logins (RFC 6749 §6)', () => {
  const env = useSandboxApp({ providers: ['google'] });

  it('a Google login, which asks for no refresh token, keeps the one the connect obtained', async () => {
    const flows = new Flows(env.app, new TestBrowser(), 'google');
    await flows.logInAs('u1');
    await flows.connect('allow', 'alice');
    const [connected] = await env.app.connections('u1');
    expect(connected!.refreshToken).toEqual(expect.any(String));
    await flows.logOut();
    expect(pageState(await flows.login('allow', 'alice')).userId).toBe('u1');
    const [afterLogin] = await env.app.connections('u1');
    expect(afterLogin!.accessToken).not.toBe(connected!.accessToken);
    expect(afterLogin!.refreshToken).toBe(connected!.refreshToken);
  });
});

describe('one JSON error body', () => {
  const env = useSandboxApp({ providers: ['google'] });
  const KEYS = ['code', 'message', 'ok', 'redirect', 'statusCode'];

  it('is { statusCode, ok: false, code, message, redirect } for the guard 403 and 404 and a flow failure', async () => {
    const browser = new TestBrowser();
    const json = { accept: 'application/json' };
    const crossSite = await browser.post(
      `${env.app.url}/login/google`,
      {},
      {
        headers: { ...json, origin: 'https://evil.example' },
        follow: false,
      },
    );
    const unknown = await browser.get(`${env.app.url}/login/nope`, {
      headers: json,
      follow: false,
    });
    const forged = await browser.get(`${env.app.url}/login/google?code=c&state=forged`, {
      headers: json,
      follow: false,
    });
    const bodies = [crossSite, unknown, forged].map((page) => ({
      status: page.status,
      body: JSON.parse(page.text),
    }));
    expect(bodies.map((b) => [b.status, b.body.statusCode, b.body.ok, b.body.code])).toEqual([
      [403, 403, false, 'CSRF_FAILED'],
      [404, 404, false, 'PROVIDER_NOT_FOUND'],
      [403, 403, false, 'OAUTH_STATE_INVALID'],
    ]);
    for (const { body } of bodies) {
      expect(Object.keys(body).sort()).toEqual(KEYS);
      expect(body.message).toEqual(expect.any(String));
      expect(body.redirect).toMatch(/^\//);
    }
  });
});
