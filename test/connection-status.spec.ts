// Issue 11, item 2: a token the provider no longer accepts, met through getApi()'s client (a 401,
// or Facebook's Graph error 190), marks the connection needs_reauth: stored, in getConnections,
// the JSON list and a connection.updated event; getApi() then gives null, and a reconnect makes
// it active again. On SQLite and PostgreSQL; and the sample's profile page offers "Reconnect".
import { Connection, SocialService, type ConnectionUpdatedEvent } from 'nestjs-social';
import { beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from './support/browser.js';
import { useSandboxApp } from './support/sandbox-app.js';
import { answerConsent } from './support/consent.js';
import { Flows } from './support/flows.js';
import { readPage, submit, useSampleForTest } from './support/sample-app.js';

const FOUR = ['twitter', 'facebook', 'google', 'foursquare'] as const;
type Four = (typeof FOUR)[number];

/** One authenticated read through the provider's own client. */
async function readProfile(social: SocialService, provider: Four, userId: string) {
  switch (provider) {
    case 'twitter':
      return (await social.twitter.getApi(userId))!.v2.me();
    case 'facebook':
      return (await social.facebook.getApi(userId))!.me();
    case 'google':
      return (await social.google.getApi(userId))!.request({ url: 'oauth2/v3/userinfo' });
    case 'foursquare':
      return (await social.foursquare.getApi(userId))!.self();
  }
}

describe.each(['SQLite', 'PostgreSQL'])('a refused token on %s', (database) => {
  const env = useSandboxApp({ providers: [...FOUR], postgres: database === 'PostgreSQL' });
  let social: SocialService;
  beforeAll(() => {
    social = env.app.app.get(SocialService);
  });

  it.each(FOUR)(
    '%s: marks needs_reauth once, says so everywhere, and a reconnect makes it active',
    async (provider) => {
      const flows = new Flows(env.app, new TestBrowser(), provider);
      await flows.logInAs('u1');
      await flows.connect('allow', 'alice');
      await readProfile(social, provider, 'u1'); // the token works
      env.app.events.clear();

      // The user removed the app at the provider: every token it issued is refused.
      env.sandbox.revokeAll(provider);
      await expect(readProfile(social, provider, 'u1')).rejects.toBeDefined();

      const [row] = await env.app.rows({ providerId: provider });
      expect(row).toMatchObject({ status: 'needs_reauth', statusReason: 'api_unauthorized' });
      const [updated] = env.app.events.named('connection.updated') as ConnectionUpdatedEvent[];
      expect(env.app.events.named('connection.updated')).toHaveLength(1);
      expect(updated!.connection).toMatchObject({ providerId: provider, status: 'needs_reauth' });
      expect(updated!.connection).not.toHaveProperty('accessToken');
      const [listed] = await social.provider(provider).getConnections('u1');
      expect(listed!.status).toBe('needs_reauth');
      const list = await flows.json('/connections');
      expect(JSON.parse(list.text).connections).toEqual([
        expect.objectContaining({ providerId: provider, status: 'needs_reauth' }),
      ]);
      expect(await social.provider(provider).getApi('u1')).toBeNull();

      await flows.reconnect('alice');
      const [again] = await env.app.rows({ providerId: provider });
      expect(again!.status).toBe('active');
      await expect(readProfile(social, provider, 'u1')).resolves.toBeDefined();
    },
  );
});

describe.each(['SQLite', 'PostgreSQL'])(
  'an expired token without a refresh token on %s',
  (database) => {
    const env = useSandboxApp({ providers: ['facebook'], postgres: database === 'PostgreSQL' });

    it('facebook: expired means expired — status expired, getApi() null, no token call pretending to refresh', async () => {
      const flows = new Flows(env.app, new TestBrowser(), 'facebook');
      await flows.logInAs('u1');
      await flows.connect('allow', 'alice');
      const [connected] = await env.app.rows({ providerId: 'facebook' });
      expect(connected!.refreshToken).toBeNull();
      await env.app.dataSource
        .getRepository(Connection)
        .update({ providerId: 'facebook' }, { expiresAt: new Date(Date.now() - 1000) });
      env.sandbox.resetCalls();
      env.app.events.clear();
      const social = env.app.app.get(SocialService);
      expect(await social.facebook.getApi('u1')).toBeNull();
      expect(env.sandbox.calls('facebook', 'token')).toBe(0);
      const [row] = await env.app.rows({ providerId: 'facebook' });
      expect(row).toMatchObject({ status: 'expired', statusReason: 'token_expired' });
      const updated = env.app.events.named('connection.updated') as ConnectionUpdatedEvent[];
      expect(updated.map((e) => e.connection.status)).toEqual(['expired']);
      const [listed] = await social.facebook.getConnections('u1');
      expect(listed!.status).toBe('expired');
      // A reconnect gets a new long-lived token: active again.
      await flows.reconnect('alice');
      expect((await env.app.rows({ providerId: 'facebook' }))[0]!.status).toBe('active');
    });
  },
);

describe("the sample's profile page", () => {
  const env = useSampleForTest();

  it('shows a refused Facebook connection with a Reconnect button that makes it active again', async () => {
    const { appUrl, sample } = env;
    const browser = new TestBrowser();
    await submit(browser, appUrl, '/register', {
      email: 'st@example.com',
      password: 'long enough',
    });
    const consent = await submit(browser, appUrl, '/connect/facebook', { next: '/profile' });
    await answerConsent(browser, consent, 'allow', 'alice');
    const posted = await submit(browser, appUrl, '/status/facebook', { status: 'one' });
    expect(readPage(posted.text).flashes[0]).toMatch(/^Posted to Facebook/);
    expect(posted.text).not.toContain('Reconnect Facebook');

    sample.sandbox.revokeAll('facebook');
    const refused = await submit(browser, appUrl, '/status/facebook', { status: 'two' });
    expect(readPage(refused.text).flashes).toEqual([
      'Facebook refused the post. Please try again later.',
    ]);
    expect(refused.text).toContain('data-status="needs_reauth"');
    expect(refused.text).toContain('Reconnect Facebook');
    const blocked = await submit(browser, appUrl, '/status/facebook', { status: 'three' });
    expect(readPage(blocked.text).flashes).toEqual(['Reconnect Facebook first']);

    const reconsent = await submit(browser, appUrl, '/reconnect/facebook', { next: '/profile' });
    const profile = await answerConsent(browser, reconsent, 'allow', 'alice');
    expect(readPage(profile.text).flashes).toEqual(['Connection to Facebook refreshed']);
    expect(profile.text).not.toContain('data-status=');
    const works = await submit(browser, appUrl, '/status/facebook', { status: 'four' });
    expect(readPage(works.text).flashes[0]).toMatch(/^Posted to Facebook/);
  });
});
