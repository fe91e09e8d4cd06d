// getApi() hands out each provider's own client, tested against the sandbox over HTTP: Twitter
// through twitter-api-v2 (OAuth 1.0a user context), Google through google-auth-library's
// OAuth2Client, Facebook Graph and foursquare through the module's typed clients.
import {
  FacebookGraphClient,
  FoursquareClient,
  MissingPeerPackageError,
  SocialService,
} from 'nestjs-social';
import { OAuth2Client } from 'google-auth-library';
import { TwitterApi } from 'twitter-api-v2';
import { beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_IDENTITIES } from '../apps/provider-sandbox/src/index.js';
import { importPeer } from '../libs/social/src/providers/optional-peer.util.js';
import { TestBrowser } from './support/browser.js';
import { Flows } from './support/flows.js';
import { useSandboxApp } from './support/sandbox-app.js';

describe.each(['SQLite', 'PostgreSQL'])(
  "getApi(): the providers' own clients against the sandbox, on %s",
  (database) => {
    const env = useSandboxApp({
      providers: ['twitter', 'facebook', 'google', 'foursquare'],
      postgres: database === 'PostgreSQL',
    });
    let social: SocialService;

    beforeAll(() => {
      social = env.app.app.get(SocialService);
    });

    async function connect(provider: 'twitter' | 'facebook' | 'google' | 'foursquare') {
      const flows = new Flows(env.app, new TestBrowser(), provider);
      await flows.logInAs('u1');
      await flows.connect('allow', 'alice');
    }

    it('twitter: a TwitterApi in OAuth 1.0a user context reads the profile (v1.1, v2) and posts (v2, v1.1)', async () => {
      await connect('twitter');
      const api = (await social.twitter.getApi('u1'))!;
      expect(api).toBeInstanceOf(TwitterApi);
      const alice = SANDBOX_IDENTITIES.twitter[0]!;
      expect((await api.v1.verifyCredentials()).id_str).toBe(alice.id);
      expect((await api.v2.me()).data).toMatchObject({ id: alice.id, username: alice.username });
      const tweet = await api.v2.tweet('Hello through twitter-api-v2');
      expect(tweet.data).toMatchObject({
        id: expect.any(String),
        text: 'Hello through twitter-api-v2',
      });
      const status = await api.v1.tweet('And through v1.1 statuses/update');
      expect(status.text).toBe('And through v1.1 statuses/update');
    });

    it('google: an OAuth2Client with the credentials set reads userinfo', async () => {
      await connect('google');
      const api = (await social.google.getApi('u1'))!;
      expect(api).toBeInstanceOf(OAuth2Client);
      expect(api.credentials.refresh_token).toBeUndefined();
      const me = await api.request<{ sub: string; email: string }>({
        url: `${env.sandbox.url}/google/oauth2/v3/userinfo`,
      });
      expect(me.data).toMatchObject({ sub: SANDBOX_IDENTITIES.google[0]!.id });
      // Still valid: nothing was refreshed to make the call.
      expect(env.sandbox.calls('google', 'token')).toBe(1);
    });

    it('facebook: the Graph client reads /me and posts to /me/feed with appsecret_proof', async () => {
      await connect('facebook');
      const api = (await social.facebook.getApi('u1'))!;
      expect(api).toBeInstanceOf(FacebookGraphClient);
      const alice = SANDBOX_IDENTITIES.facebook[0]!;
      expect(await api.me(['id', 'name'])).toEqual({ id: alice.id, name: 'Alice Anders' });
      expect((await api.publish('Hello Graph')).id).toMatch(new RegExp(`^${alice.id}_\\d+$`));
    });

    it('foursquare: the v2 client reads users/self and checks in', async () => {
      await connect('foursquare');
      const api = (await social.foursquare.getApi('u1'))!;
      expect(api).toBeInstanceOf(FoursquareClient);
      expect((await api.self()).id).toBe(SANDBOX_IDENTITIES.foursquare[0]!.id);
      const checkin = await api.checkin({ venueId: '40a55d80f964a52020f31ee3', shout: 'Here' });
      expect(checkin).toMatchObject({
        type: 'checkin',
        shout: 'Here',
        venue: { id: '40a55d80f964a52020f31ee3' },
      });
    });

    it('facebook: the short-lived login token is exchanged for a long-lived one, its expiry stored', async () => {
      await connect('facebook');
      // The code exchange, then fb_exchange_token.
      expect(env.sandbox.calls('facebook', 'token')).toBe(2);
      const [connection] = await env.app.connections('u1');
      const days = (connection!.expiresAt!.getTime() - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(59);
      expect(days).toBeLessThan(61);
      expect(connection!.refreshToken).toBeNull();
      // The stored token is the long-lived one, and it works.
      const api = (await social.facebook.getApi('u1'))!;
      expect((await api.me(['id'])).id).toBe(SANDBOX_IDENTITIES.facebook[0]!.id);
    });

    it('an optional peer that is not installed is an error naming the package and its install command', async () => {
      const error = await importPeer(
        'no-such-package-for-nestjs-social',
        'getApi() for Twitter',
        // @ts-expect-error: a package that does not exist
        () => import('no-such-package-for-nestjs-social'),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MissingPeerPackageError);
      expect((error as Error).message).toBe(
        'nestjs-social: getApi() for Twitter needs the package no-such-package-for-nestjs-social: npm install no-such-package-for-nestjs-social',
      );
    });
  },
);
