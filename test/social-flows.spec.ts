import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryConnectionRepository } from 'nestjs-social/testing';
import { SANDBOX_IDENTITIES } from '../apps/provider-sandbox/src/index.js';
import { PROVIDER_IDS } from './fixtures/social-test-app.js';
import { PROVIDER_NAMES, useSandboxApp } from './support/sandbox-app.js';
import { TestBrowser } from './support/browser.js';
import { answerConsent } from './support/consent.js';
import { Flows, pageState } from './support/flows.js';

const NAMES = PROVIDER_NAMES;
const DISPLAY = {
  twitter: '@alice_sandbox',
  facebook: 'Alice Anders',
  google: 'Alice Anders',
  foursquare: 'Alice Anders',
  oidc: 'alice',
  github: 'alice-sandbox',
};

// Every provider through one app, and X's OAuth 2.0 on the `twitter` provider through an app of
// its own: the same flows, over the other protocol.
const CASES = [
  ...PROVIDER_IDS.map((provider) => ({ provider, label: provider, oauth2Twitter: false })),
  { provider: 'twitter' as const, label: 'twitter over OAuth 2.0', oauth2Twitter: true },
];

// The whole suite runs on the default TypeORM repository (a SQLite file, tokens encrypted) and
// on the in-memory one apps use in their own tests (the `connectionRepository` extra).
describe.each([
  { storage: 'TypeORM on SQLite', connectionRepository: undefined },
  { storage: 'InMemoryConnectionRepository', connectionRepository: InMemoryConnectionRepository },
])('connections in $storage', ({ connectionRepository }) => {
  const encrypted = connectionRepository === undefined;
  const everyProvider = useSandboxApp({ connectionRepository });
  const xOAuth2 = useSandboxApp({
    connectionRepository,
    providers: ['twitter'],
    twitterProtocol: 'oauth2',
  });
  const env = everyProvider;

  describe.each(CASES)(
    '$label through the real passport strategy and the sandbox',
    ({ provider, oauth2Twitter }) => {
      const env = oauth2Twitter ? xOAuth2 : everyProvider;
      const oauth1 = provider === 'twitter' && !oauth2Twitter;
      const name = NAMES[provider];
      const alice = SANDBOX_IDENTITIES[provider].find((i) => i.key === 'alice')!;
      const bob = SANDBOX_IDENTITIES[provider].find((i) => i.key === 'bob')!;
      let flows: Flows;

      beforeEach(() => {
        flows = new Flows(env.app, new TestBrowser(), provider);
      });

      it('connects a logged-in user: row with tokens, flash, connection.created without tokens', async () => {
        await flows.logInAs('u1');
        const page = pageState(await flows.connect('allow', 'alice'));

        expect(page).toMatchObject({ path: '/connected', userId: 'u1' });
        expect(page.flashes).toEqual({ success: [`Connection established to ${name}`] });
        const [row] = await env.app.rows({ providerId: provider });
        expect(row).toMatchObject({
          userId: 'u1',
          providerUserId: alice.id,
          displayName: DISPLAY[provider],
          fullName: alice.name,
          // X OAuth 2.0: users/me has no email.
          email: oauth2Twitter ? null : alice.email,
          rank: 1,
        });
        const [plain] = await env.app.connections('u1');
        expect(plain!.accessToken.length).toBeGreaterThan(10);
        // Encrypted at rest by the TypeORM repository; the in-memory one keeps what it is given.
        if (encrypted) expect(row!.accessToken).toMatch(/^v1\./);
        expect(plain!.accessToken === row!.accessToken).toBe(!encrypted);
        expect(row!.secret !== null).toBe(oauth1);
        expect(row!.imageUrl).toMatch(/^https?:\/\//);
        const [created] = env.app.events.named('connection.created');
        expect(created.user).toEqual({ id: 'u1', name: 'User One' });
        expect(created.connection).toMatchObject({
          providerId: provider,
          providerUserId: alice.id,
          userId: 'u1',
        });
        expect(JSON.stringify(created)).not.toContain(plain!.accessToken);
        expect(Object.keys(created.connection)).not.toContain('accessToken');
      });

      it('keeps the `next` form field for after the connect', async () => {
        await flows.logInAs('u1');
        const page = pageState(
          await flows.connect('allow', 'alice', { next: '/profile?tab=social' }),
        );
        expect(page.path).toBe('/profile');
      });

      it('refuses an off-site `next` and goes to the default page instead', async () => {
        await flows.logInAs('u1');
        const page = await flows.connect('allow', 'alice', { next: '//evil.example/phish' });
        expect(pageState(page).path).toBe('/connected');
        expect(page.history.some((u) => u.includes('evil.example'))).toBe(false);
      });

      it('reports "already established" for the same account twice, keeps one row, refreshes its tokens', async () => {
        await flows.logInAs('u1');
        await flows.connect('allow', 'alice');
        const [before] = await env.app.rows({ providerId: provider });
        env.app.events.clear();

        const page = pageState(await flows.connect('allow', 'alice'));

        expect(page.flashes).toEqual({
          notice: [`A connection is already established with ${name} to your account`],
        });
        const rows = await env.app.rows({ providerId: provider });
        expect(rows).toHaveLength(1);
        expect(rows[0]!.accessToken).not.toBe(before!.accessToken);
        expect(env.app.events.named('connection.failed')).toEqual([
          expect.objectContaining({
            providerId: provider,
            reason: 'already_connected',
            user: { id: 'u1', name: 'User One' },
          }),
        ]);
        expect(env.app.events.names()).toContain('connection.updated');
      });

      it('refuses an account linked to another user (409 reason) and leaves that row untouched', async () => {
        await flows.logInAs('u1');
        await flows.connect('allow', 'alice');
        const [before] = await env.app.rows({ providerId: provider });
        env.app.events.clear();

        const other = new Flows(env.app, new TestBrowser(), provider);
        await other.logInAs('u2');
        const page = pageState(await other.connect('allow', 'alice'));

        expect(page.path).toBe('/denied');
        expect(page.flashes).toEqual({
          error: [`This ${name} account is already connected to another user`],
        });
        expect(await env.app.rows({ providerId: provider })).toEqual([before]);
        expect(env.app.events.named('connection.failed')).toEqual([
          expect.objectContaining({ providerId: provider, reason: 'linked_to_another_user' }),
        ]);
      });

      it('lets a second account of the same provider be connected (rank 2)', async () => {
        await flows.logInAs('u1');
        await flows.connect('allow', 'alice');
        await flows.connect('allow', 'bob');
        const rows = await env.app.rows({ providerId: provider, userId: 'u1' });
        expect(rows.map((r) => [r.providerUserId, r.rank]).sort()).toEqual(
          [
            [alice.id, 1],
            [bob.id, 2],
          ].sort(),
        );
      });

      it('handles "Deny" at the consent page on connect: flash, no row, connection.failed', async () => {
        await flows.logInAs('u1');
        const page = pageState(await flows.connect('deny'));
        expect(page.path).toBe('/denied');
        expect(page.flashes).toEqual({ error: [`Access was denied by ${name}`] });
        expect(await env.app.rows()).toEqual([]);
        expect(env.app.events.named('connection.failed')).toEqual([
          expect.objectContaining({ providerId: provider, reason: 'access_denied' }),
        ]);
      });

      it('logs in a connected user through the provider: login.completed, tokens refreshed, session renewed', async () => {
        await flows.logInAs('u1');
        await flows.connect('allow', 'alice');
        const [before] = await env.app.rows({ providerId: provider });
        await flows.logOut();
        env.app.events.clear();

        const consent = await flows.browser.post(flows.url(`/login/${provider}`));
        // The session the round trip started in (it holds the pending state).
        const sidAtStart = flows.browser.cookies(env.app.url).get('app.sid');
        const page = pageState(await answerConsent(flows.browser, consent, 'allow', 'alice'));

        expect(page).toMatchObject({ path: '/after-login', userId: 'u1' });
        expect(sidAtStart).toBeDefined();
        expect(flows.browser.cookies(env.app.url).get('app.sid')).not.toBe(sidAtStart);
        expect(env.app.events.names()).toEqual(['connection.updated', 'login.completed']);
        const updated = env.app.events.named('connection.updated')[0];
        expect(updated.user).toEqual({ id: 'u1', name: 'User One' });
        expect(updated.connection).toMatchObject({
          providerId: provider,
          providerUserId: alice.id,
        });
        expect(Object.keys(updated.connection)).not.toContain('accessToken');
        expect(env.app.events.named('login.completed')[0]).toMatchObject({
          providerId: provider,
          user: { id: 'u1' },
        });
        const [after] = await env.app.rows({ providerId: provider });
        expect(after!.accessToken).not.toBe(before!.accessToken);
      });

      it('honours the `next` of a provider login', async () => {
        await flows.logInAs('u1');
        await flows.connect('allow', 'alice');
        await flows.logOut();
        const page = pageState(await flows.login('allow', 'alice', { next: '/profile' }));
        expect(page).toMatchObject({ path: '/profile', userId: 'u1' });
      });

      it('refuses a provider login with no connection: flash, login.failed with the profile, nobody logged in', async () => {
        const page = pageState(await flows.login('allow', 'bob'));
        expect(page).toMatchObject({ path: '/login', userId: null });
        expect(page.flashes).toEqual({
          error: [`${name} account not associated with an existing user`],
        });
        const [failed] = env.app.events.named('login.failed');
        expect(failed).toMatchObject({
          providerId: provider,
          reason: 'no_connection',
          profile: { providerUserId: bob.id },
        });
        expect(JSON.stringify(failed)).not.toMatch(/accessToken|secret/i);
      });

      it('handles "Deny" at the consent page on login', async () => {
        const page = pageState(await flows.login('deny'));
        expect(page).toMatchObject({ path: '/login', userId: null });
        expect(page.flashes).toEqual({ error: [`Access was denied to your ${name} account`] });
        expect(env.app.events.named('login.failed')).toEqual([
          expect.objectContaining({ reason: 'access_denied' }),
        ]);
      });

      it('removes one connection with DELETE, and reports when there was none', async () => {
        await flows.logInAs('u1');
        await flows.connect('allow', 'alice');
        env.app.events.clear();

        const removed = pageState(
          await flows.browser.request('DELETE', flows.url(`/connect/${provider}/${alice.id}`)),
        );
        expect(removed.flashes).toEqual({ info: [`Connection to ${name} removed`] });
        expect(await env.app.rows()).toEqual([]);
        expect(env.app.events.named('connection.removed')).toEqual([
          expect.objectContaining({
            providerId: provider,
            providerUserId: alice.id,
            user: { id: 'u1', name: 'User One' },
          }),
        ]);

        const again = pageState(
          await flows.browser.request('DELETE', flows.url(`/connect/${provider}/${alice.id}`)),
        );
        expect(again.flashes).toEqual({ error: [`Unable to remove connection to ${name}`] });
      });

      it('removes all connections to the provider from an HTML form (POST _method=DELETE), no Referer needed', async () => {
        await flows.logInAs('u1');
        await flows.connect('allow', 'alice');
        await flows.connect('allow', 'bob');

        const page = pageState(
          await flows.browser.post(flows.url(`/connect/${provider}`), {
            _method: 'DELETE',
            next: '/profile',
          }),
        );

        expect(page.path).toBe('/profile');
        expect(page.flashes).toEqual({ info: [`All connections to ${name} removed`] });
        expect(await env.app.rows()).toEqual([]);
        expect(env.app.events.named('connection.removed')).toEqual([
          expect.objectContaining({ providerId: provider }),
        ]);
      });

      it("only removes the caller's own connections", async () => {
        await flows.logInAs('u1');
        await flows.connect('allow', 'alice');
        const other = new Flows(env.app, new TestBrowser(), provider);
        await other.logInAs('u2');

        const page = pageState(
          await other.browser.request('DELETE', other.url(`/connect/${provider}/${alice.id}`)),
        );

        expect(page.flashes).toEqual({ error: [`Unable to remove connection to ${name}`] });
        expect(await env.app.rows()).toHaveLength(1);
      });

      it('sends an anonymous connect to the login page with the flash of Flask-Login', async () => {
        const page = pageState(await flows.browser.post(flows.url(`/connect/${provider}`)));
        expect(page).toMatchObject({ path: '/login', userId: null });
        expect(page.flashes).toEqual({ info: ['Please log in to access this page.'] });
        expect(env.sandbox.calls(provider, oauth1 ? 'request_token' : 'token')).toBe(0);
      });

      it('refuses a connect callback without a logged-in user (Flask-Social stored user_id=None)', async () => {
        await flows.logInAs('u1');
        const consent = await flows.browser.post(flows.url(`/connect/${provider}`));
        await flows.logOut();
        const page = await answerConsent(flows.browser, consent, 'allow', 'alice');
        expect(pageState(page)).toMatchObject({ path: '/login', userId: null });
        expect(await env.app.rows()).toEqual([]);
      });

      it('refreshes tokens on reconnect and says so', async () => {
        await flows.logInAs('u1');
        await flows.connect('allow', 'alice');
        const [before] = await env.app.rows();
        const page = pageState(await flows.reconnect('alice'));
        expect(page.flashes).toEqual({ info: [`Connection to ${name} refreshed`] });
        const rows = await env.app.rows();
        expect(rows).toHaveLength(1);
        expect(rows[0]!.accessToken).not.toBe(before!.accessToken);
      });

      it('answers JSON with status codes when the client asks for JSON', async () => {
        const json = { accept: 'application/json' };
        const start = await flows.browser.post(
          flows.url(`/connect/${provider}`),
          {},
          { headers: json },
        );
        expect(start.status).toBe(401);
        expect(JSON.parse(start.text)).toMatchObject({ ok: false, code: 'AUTH_REQUIRED' });

        await flows.logInAs('u1');
        const started = await flows.browser.post(
          flows.url(`/connect/${provider}`),
          {},
          { headers: json, follow: false },
        );
        expect(started.status).toBe(200);
        expect(JSON.parse(started.text).redirect).toMatch(
          new RegExp(`^${env.sandbox.url}/${provider}/`),
        );
      });
    },
  );

  describe('routes common to every provider', () => {
    it('answers 404 for a provider that is not configured, on every route', async () => {
      const browser = new TestBrowser();
      await browser.post(`${env.app.url}/test/login/u1`);
      for (const [method, path] of [
        ['POST', '/login/gitlab'],
        ['GET', '/login/gitlab'],
        ['POST', '/connect/gitlab'],
        ['GET', '/connect/gitlab'],
        ['DELETE', '/connect/gitlab'],
        ['DELETE', '/connect/gitlab/1'],
        ['POST', '/reconnect/gitlab'],
      ] as const) {
        const page = await browser.request(method, `${env.app.url}${path}`, { follow: false });
        expect([method, path, page.status]).toEqual([method, path, 404]);
        expect(JSON.parse(page.text)).toMatchObject({ code: 'PROVIDER_NOT_FOUND' });
      }
    });

    it('refuses a state-changing request from another site (CSRF) and changes nothing', async () => {
      const browser = new TestBrowser();
      await browser.post(`${env.app.url}/test/login/u1`);
      const flows = new Flows(env.app, browser, 'google');
      await flows.connect('allow', 'alice');
      const page = await browser.post(
        `${env.app.url}/connect/google`,
        { _method: 'DELETE' },
        { headers: { origin: 'https://evil.example' }, follow: false },
      );
      expect(page.status).toBe(403);
      expect(JSON.parse(page.text)).toMatchObject({ code: 'CSRF_FAILED' });
      expect(await env.app.rows()).toHaveLength(1);
    });

    it("lists the logged-in user's connections as JSON without tokens", async () => {
      const browser = new TestBrowser();
      await browser.post(`${env.app.url}/test/login/u1`);
      await new Flows(env.app, browser, 'facebook').connect('allow', 'alice');
      const page = await browser.get(`${env.app.url}/connections`, {
        headers: { accept: 'application/json' },
      });
      const body = JSON.parse(page.text);
      expect(body.connections).toHaveLength(1);
      const [plain] = await env.app.connections('u1');
      expect(page.text).not.toContain(plain!.accessToken);
      expect(page.text).not.toMatch(/accessToken|refreshToken|"secret"/);
    });
  });
});
