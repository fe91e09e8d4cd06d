// SECURITY.md G: disconnect and the connection API, each item by its number. The module's
// routes are tested on the test host app; the sample is tested where it adds something (its CSRF
// token on every form, and its "last login method" rule).
import { describe, expect, it } from 'vitest';
import { SocialService } from 'nestjs-social';
import type { SandboxProviderId } from '../../apps/provider-sandbox/src/index.js';
import { PROVIDER_IDS } from '../fixtures/social-test-app.js';
import { TestBrowser } from '../support/browser.js';
import { answerConsent } from '../support/consent.js';
import { Flows, JSON_ACCEPT, pageState } from '../support/flows.js';
import { csrfToken, readPage, useSampleForTest, submit } from '../support/sample-app.js';
import { useSandboxApp } from '../support/sandbox-app.js';

const EVIL = 'https://evil.example';

describe('G. Disconnect and the connection API (the module)', () => {
  const env = useSandboxApp();

  /** Logs `userId` in in a new browser and connects `provider` as `identity`. */
  async function connected(userId: string, provider: SandboxProviderId, identity = 'alice') {
    const flows = new Flows(env.app, new TestBrowser(), provider);
    await flows.logInAs(userId);
    const page = pageState(await flows.connect('allow', identity));
    expect(page.path).toBe('/connected');
    return flows;
  }

  /** A request as JSON, without following redirects: status and parsed body. */
  async function call(
    flows: Flows,
    method: string,
    path: string,
    options: { headers?: Record<string, string>; form?: Record<string, string> } = {},
  ) {
    const page = await flows.browser.request(method, flows.url(path), {
      form: options.form,
      headers: { ...JSON_ACCEPT, ...options.headers },
      follow: false,
    });
    return { status: page.status, body: page.text ? JSON.parse(page.text) : undefined };
  }

  it('#51 no state change via GET: GET /connect/:p?_method=DELETE and GET /connect/:p/:id/delete → 4xx, rows intact', async () => {
    const browsers = new Map<SandboxProviderId, Flows>();
    for (const provider of PROVIDER_IDS) browsers.set(provider, await connected('u1', provider));
    const before = await env.app.rows();
    expect(before).toHaveLength(PROVIDER_IDS.length);

    for (const row of before) {
      const flows = browsers.get(row.providerId as SandboxProviderId)!;
      const p = row.providerId;
      const id = encodeURIComponent(row.providerUserId);
      for (const path of [
        `/connect/${p}?_method=DELETE`,
        `/connect/${p}/${id}?_method=DELETE`,
        `/connect/${p}/${id}/delete`,
        `/connect/${p}/${id}/delete?_method=DELETE`,
      ]) {
        const { status } = await call(flows, 'GET', path);
        expect(status, `GET ${path}`).toBeGreaterThanOrEqual(400);
        expect(status, `GET ${path}`).toBeLessThan(500);
      }
    }
    expect(await env.app.rows()).toEqual(before);
  });

  it('#52 DELETE from another origin → 403 CSRF_FAILED, row intact', async () => {
    const flows = await connected('u1', 'google');
    const before = await env.app.rows();
    const id = before[0]!.providerUserId;
    const attempts: [string, string, Record<string, string>, Record<string, string>?][] = [
      ['DELETE', `/connect/google/${id}`, { origin: EVIL }],
      ['DELETE', '/connect/google', { origin: EVIL }],
      ['POST', `/connect/google/${id}`, { origin: EVIL }, { _method: 'DELETE' }],
      ['POST', '/connect/google', { origin: EVIL }, { _method: 'DELETE' }],
      ['DELETE', `/connect/google/${id}`, { 'sec-fetch-site': 'cross-site' }],
      ['DELETE', `/connect/google/${id}`, { referer: `${EVIL}/page` }],
    ];
    for (const [method, path, headers, form] of attempts) {
      const answer = await call(flows, method, path, { headers, form });
      expect(answer.status, `${method} ${path} ${JSON.stringify(headers)}`).toBe(403);
      expect(answer.body.code).toBe('CSRF_FAILED');
    }
    expect(await env.app.rows()).toEqual(before);
  });

  it("#52 control: the same DELETE from the app's own origin removes the connection", async () => {
    const flows = await connected('u1', 'google');
    const [row] = await env.app.rows();
    const answer = await call(flows, 'DELETE', `/connect/google/${row!.providerUserId}`, {
      headers: { origin: env.app.url, 'sec-fetch-site': 'same-origin' },
    });
    expect(answer.status).toBe(200);
    expect(await env.app.rows()).toEqual([]);
  });

  it("#53 user A deleting B's connection → 404 CONNECTION_NOT_FOUND, as for a nonexistent id; B's row intact", async () => {
    const a = await connected('u1', 'google', 'alice');
    await connected('u2', 'google', 'bob');
    const before = await env.app.rows();
    const b = before.find((row) => row.userId === 'u2')!;

    const missing = await call(a, 'DELETE', '/connect/google/999999999999999');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('CONNECTION_NOT_FOUND');
    // B's provider account id, and B's row id: both answered exactly like the nonexistent one.
    for (const foreign of [b.providerUserId, b.id]) {
      const answer = await call(a, 'DELETE', `/connect/google/${encodeURIComponent(foreign)}`);
      expect(answer).toEqual(missing);
      const form = await call(a, 'POST', `/connect/google/${encodeURIComponent(foreign)}`, {
        form: { _method: 'DELETE' },
      });
      expect(form).toEqual(missing);
    }
    expect(await env.app.rows()).toEqual(before);
  });

  it('#53 providerUserId "1 OR 1=1" (URL-encoded) → 400 BAD_PARAMETER, rows intact', async () => {
    const a = await connected('u1', 'google', 'alice');
    await connected('u2', 'google', 'bob');
    const before = await env.app.rows();
    for (const injected of ['1 OR 1=1', "1' OR '1'='1", "'; DELETE FROM social_connection; --"]) {
      const answer = await call(a, 'DELETE', `/connect/google/${encodeURIComponent(injected)}`);
      expect(answer.status, injected).toBe(400);
      expect(answer.body.code).toBe('BAD_PARAMETER');
    }
    expect(await env.app.rows()).toEqual(before);
  });

  it('#55 GET /connections carries no token: no seeded token value (stored or decrypted), no token key', async () => {
    let flows: Flows | undefined;
    for (const provider of PROVIDER_IDS) flows = await connected('u1', provider);
    const social = env.app.app.get(SocialService);
    const seeded: string[] = [];
    // What the sandbox issued, as the server decrypts it...
    for (const provider of PROVIDER_IDS) {
      const connection = (await social.provider(provider).getConnection('u1'))!;
      expect(connection.accessToken, provider).toBeTruthy();
      seeded.push(connection.accessToken);
      if (connection.secret) seeded.push(connection.secret);
      if (connection.refreshToken) seeded.push(connection.refreshToken);
    }
    expect((await social.twitter.getConnection('u1'))!.secret).toBeTruthy();
    // ...and as it is stored (encrypted at rest).
    for (const row of await env.app.rows()) {
      for (const value of [row.accessToken, row.secret, row.refreshToken]) {
        if (value) seeded.push(value);
      }
    }

    const page = await flows!.browser.get(flows!.url('/connections'), {
      headers: JSON_ACCEPT,
      follow: false,
    });
    expect(page.status).toBe(200);
    const body = JSON.parse(page.text);
    expect(body.connections).toHaveLength(PROVIDER_IDS.length);
    for (const value of seeded) expect(page.text).not.toContain(value);
    const tokenKeys = new Set([
      'accessToken',
      'refreshToken',
      'secret',
      'tokenSecret',
      'access_token',
      'refresh_token',
      'oauth_token',
      'oauth_token_secret',
    ]);
    expect(allKeys(body).filter((key) => tokenKeys.has(key))).toEqual([]);
  });
});

describe('G. Disconnect on the sample app', () => {
  const running = useSampleForTest();

  /** The sample's connections, straight from its database. */
  async function rows(): Promise<{ userId: string; providerId: string; id: string }[]> {
    return running.sample.dataSource.query(
      'SELECT "id", "userId", "providerId", "providerUserId" FROM social_connection ORDER BY "id"',
    );
  }

  /** Registers (with a password) in a new browser and connects `provider` as `identity`. */
  async function withPassword(email: string, provider: string, identity: string) {
    const browser = new TestBrowser();
    await submit(browser, running.appUrl, '/register', { email, password: 'correct horse' });
    const consent = await submit(browser, running.appUrl, `/connect/${provider}`, {
      next: '/profile',
    });
    const page = await answerConsent(browser, consent, 'allow', identity);
    expect(readPage(page.text).flashes).toHaveLength(1);
    expect(page.text).toContain('Disconnect');
    return browser;
  }

  /** Signs up through a provider login (no password) in a new browser. */
  async function throughProvider(email: string, provider: string, identity: string) {
    const browser = new TestBrowser();
    const consent = await submit(browser, running.appUrl, `/login/${provider}`);
    const page = await answerConsent(browser, consent, 'allow', identity);
    expect(page.url).toBe(`${running.appUrl}/register/provider`);
    const created = await submit(browser, running.appUrl, '/register/provider', { email });
    expect(readPage(created.text).title).toBe(`Hello ${email}`);
    return browser;
  }

  /** DELETE as JSON with the session's CSRF token. */
  async function deleteJson(browser: TestBrowser, path: string) {
    const token = await csrfToken(browser, running.appUrl);
    const page = await browser.request('DELETE', `${running.appUrl}${path}`, {
      headers: { ...JSON_ACCEPT, 'x-csrf-token': token },
      follow: false,
    });
    return { status: page.status, body: JSON.parse(page.text) };
  }

  it('#52 sample: a disconnect without the CSRF token (even from its own origin) → 403, row intact', async () => {
    const browser = await withPassword('ada@example.com', 'google', 'alice');
    const before = await rows();
    expect(before).toHaveLength(1);
    const sameOrigin = { origin: running.appUrl };
    const noToken = await browser.post(
      `${running.appUrl}/connect/google`,
      { _method: 'DELETE', next: '/profile' },
      { headers: sameOrigin, follow: false },
    );
    expect(noToken.status).toBe(403);
    const wrongToken = await browser.post(
      `${running.appUrl}/connect/google`,
      { _method: 'DELETE', next: '/profile', _csrf: 'not-the-token' },
      { headers: sameOrigin, follow: false },
    );
    expect(wrongToken.status).toBe(403);
    const deleteNoToken = await browser.request('DELETE', `${running.appUrl}/connect/google`, {
      headers: { ...sameOrigin, ...JSON_ACCEPT },
      follow: false,
    });
    expect(deleteNoToken.status).toBe(403);
    expect(JSON.parse(deleteNoToken.text).code).toBe('CSRF_FAILED');
    expect(await rows()).toEqual(before);
  });

  it('#54 sample: a user made through a provider (no password) cannot remove their only connection → 409 LAST_LOGIN_METHOD, row intact', async () => {
    const browser = await throughProvider('bob@example.net', 'twitter', 'bob');
    const before = await rows();
    const mine = before.filter((r) => r.providerId === 'twitter');
    expect(mine).toHaveLength(1);

    const all = await deleteJson(browser, '/connect/twitter');
    expect(all.status).toBe(409);
    expect(all.body.code).toBe('LAST_LOGIN_METHOD');
    const [{ providerUserId }] = await running.sample.dataSource.query(
      `SELECT "providerUserId" FROM social_connection WHERE "id" = ?`,
      [mine[0]!.id],
    );
    const one = await deleteJson(browser, `/connect/twitter/${providerUserId}`);
    expect(one.status).toBe(409);
    expect(one.body.code).toBe('LAST_LOGIN_METHOD');
    const form = await submit(browser, running.appUrl, '/connect/twitter', {
      _method: 'DELETE',
      next: '/profile',
    });
    expect(form.url).toBe(`${running.appUrl}/profile`);
    expect(readPage(form.text).flashes).toEqual([
      'Twitter is your only way to log in: set a password or connect another account before removing it',
    ]);
    expect(await rows()).toEqual(before);
  });

  it('#54 sample: a provider-only user with two connections can remove one, not the last', async () => {
    const browser = await throughProvider('carol@example.org', 'foursquare', 'carol');
    const consent = await submit(browser, running.appUrl, '/connect/facebook', {
      next: '/profile',
    });
    await answerConsent(browser, consent, 'allow', 'carol');
    const [{ id: carol }] = await running.sample.dataSource.query(
      `SELECT "id" FROM sample_user WHERE "email" = 'carol@example.org'`,
    );
    const carolsRows = async () => (await rows()).filter((r) => r.userId === carol);
    expect((await carolsRows()).map((r) => r.providerId).sort()).toEqual([
      'facebook',
      'foursquare',
    ]);

    expect((await deleteJson(browser, '/connect/foursquare')).status).toBe(200);
    const last = await deleteJson(browser, '/connect/facebook');
    expect(last.status).toBe(409);
    expect(last.body.code).toBe('LAST_LOGIN_METHOD');
    expect((await carolsRows()).map((r) => r.providerId)).toEqual(['facebook']);
  });

  it('#54 sample: a user with a password can remove their only connection', async () => {
    const browser = await withPassword('grace@example.com', 'facebook', 'alice');
    const [{ id: grace }] = await running.sample.dataSource.query(
      `SELECT "id" FROM sample_user WHERE "email" = 'grace@example.com'`,
    );
    const page = await submit(browser, running.appUrl, '/connect/facebook', {
      _method: 'DELETE',
      next: '/profile',
    });
    expect(readPage(page.text).flashes).toEqual(['All connections to Facebook removed']);
    expect((await rows()).filter((r) => r.userId === grace)).toEqual([]);
  });
});

/** Every key of every object in a JSON value, nested ones included. */
function allKeys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(allKeys);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, nested]) => [key, ...allKeys(nested)]);
  }
  return [];
}
