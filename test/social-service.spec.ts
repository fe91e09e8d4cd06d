import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderNotEnabledError, SocialService } from 'nestjs-social';
import {
  type RunningSandbox,
  SANDBOX_IDENTITIES,
  startSandbox,
} from '../apps/provider-sandbox/src/index.js';
import { type SocialTestApp, startSocialTestApp } from './fixtures/social-test-app.js';
import { TestBrowser } from './support/browser.js';
import { Flows } from './support/flows.js';

let sandbox: RunningSandbox;
let app: SocialTestApp;
let social: SocialService;

beforeAll(async () => {
  sandbox = await startSandbox({ logger: false });
  app = await startSocialTestApp(sandbox);
  social = app.app.get(SocialService);
  const browser = new TestBrowser();
  for (const provider of ['twitter', 'facebook', 'google', 'foursquare'] as const) {
    const flows = new Flows(app, browser, provider);
    await flows.logInAs('u1');
    await flows.connect('allow', 'alice');
  }
});

afterAll(async () => {
  await app?.close();
  await sandbox?.close();
});

describe('SocialService', () => {
  it('gives each provider a handle with its connection, or null when not connected', async () => {
    const twitter = await social.twitter.getConnection('u1');
    expect(twitter).toMatchObject({
      providerId: 'twitter',
      providerUserId: SANDBOX_IDENTITIES.twitter[0]!.id,
    });
    expect(await social.google.getConnection('u2')).toBeNull();
    expect(await social.provider('facebook').getConnections('u1')).toHaveLength(1);
    expect(social.providers().map((p) => [p.id, p.name])).toEqual([
      ['twitter', 'Twitter'],
      ['facebook', 'Facebook'],
      ['google', 'Google'],
      ['foursquare', 'foursquare'],
      ['oidc', 'OpenID Connect'],
      ['github', 'GitHub'],
    ]);
  });

  it('throws a clear error for a provider that is not enabled', () => {
    expect(() => social.provider('gitlab')).toThrow(ProviderNotEnabledError);
    expect(() => social.provider('gitlab')).toThrow(
      /provider "gitlab" is not enabled; enabled: twitter, facebook, google, foursquare, oidc, github/,
    );
  });

  it('returns null for getApi when the user has no connection', async () => {
    expect(await social.twitter.getApi('u2')).toBeNull();
  });

  it('twitter: TwitterApi posts a tweet (v2) and a status (v1.1) with OAuth 1.0a-signed requests', async () => {
    const api = (await social.twitter.getApi('u1'))!;
    const tweet = await api.v2.tweet('Hello from nestjs-social');
    expect(tweet.data.text).toBe('Hello from nestjs-social');
    const status = await api.v1.tweet('Form-encoded & signed!');
    expect(status.text).toBe('Form-encoded & signed!');
  });

  it('facebook: FacebookGraphClient posts to the feed with a Bearer token', async () => {
    const api = (await social.facebook.getApi('u1'))!;
    const post = await api.publish('Hi');
    expect(post.id).toMatch(new RegExp(`^${SANDBOX_IDENTITIES.facebook[0]!.id}_`));
  });

  it('google: OAuth2Client reads userinfo with a Bearer token', async () => {
    const api = (await social.google.getApi('u1'))!;
    const me = await api.request<{ sub: string }>({
      url: `${sandbox.url}/google/oauth2/v3/userinfo`,
    });
    expect(me.data.sub).toBe(SANDBOX_IDENTITIES.google[0]!.id);
  });

  it('foursquare: FoursquareClient checks in with the v2 oauth_token query parameter', async () => {
    const api = (await social.foursquare.getApi('u1'))!;
    expect((await api.checkin({ shout: 'Here' })).shout).toBe('Here');
  });

  it('a provider API error rejects with ProviderApiError carrying the status', async () => {
    const api = (await social.facebook.getApi('u1'))!;
    await expect(api.get('/no/such/endpoint')).rejects.toMatchObject({
      name: 'ProviderApiError',
      status: 404,
    });
  });
});
