// Issue 9, item 5: every documented SOCIAL_<P>_* variable of the sample takes effect. The sample
// is given real-looking credentials and every endpoint variable pointing at a second sandbox on
// another port; each flow must reach that server, and never the default sandbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Module } from '@nestjs/common';
import { SocialModule, SocialService } from 'nestjs-social';
import {
  type RunningSandbox,
  type SandboxProviderId,
  sandboxEndpoints,
  startSandbox,
} from '../apps/provider-sandbox/src/index.js';
import { loadSampleConfig } from '../apps/sample/src/config/sample-config.js';
import { socialOptions } from '../apps/sample/src/config/social-options.js';
import { hostImports } from './fixtures/host-imports.js';
import { bootError } from './support/boot.js';
import { TestBrowser } from './support/browser.js';
import { answerConsent } from './support/consent.js';
import {
  readPage,
  type RunningSampleForTest,
  startSampleForTest,
  submit,
} from './support/sample-app.js';

const FOUR = ['twitter', 'facebook', 'google', 'foursquare'] as const;
const NAMES = {
  twitter: 'Twitter',
  facebook: 'Facebook',
  google: 'Google',
  foursquare: 'foursquare',
};

/** The documented variables of each provider, pointing at `base`'s endpoints. */
function endpointVariables(base: string, twitterProtocol: 'oauth1' | 'oauth2') {
  const e = sandboxEndpoints(base);
  const x = twitterProtocol === 'oauth2';
  return {
    ...(x
      ? {
          SOCIAL_TWITTER_PROTOCOL: 'oauth2',
          SOCIAL_TWITTER_AUTHORIZATION_URL: e.twitterOAuth2.authorizationURL,
          SOCIAL_TWITTER_TOKEN_URL: e.twitterOAuth2.tokenURL,
          SOCIAL_TWITTER_PROFILE_URL: e.twitterOAuth2.userProfileURL,
          SOCIAL_TWITTER_API_URL: e.twitterOAuth2.apiURL,
          SOCIAL_TWITTER_REVOKE_URL: e.twitterOAuth2.revokeURL,
        }
      : {
          SOCIAL_TWITTER_REQUEST_TOKEN_URL: e.twitter.requestTokenURL,
          SOCIAL_TWITTER_AUTHORIZATION_URL: e.twitter.userAuthorizationURL,
          SOCIAL_TWITTER_TOKEN_URL: e.twitter.accessTokenURL,
          SOCIAL_TWITTER_PROFILE_URL: e.twitter.userProfileURL,
          SOCIAL_TWITTER_API_URL: e.twitter.apiURL,
        }),
    SOCIAL_FACEBOOK_AUTHORIZATION_URL: e.facebook.authorizationURL,
    SOCIAL_FACEBOOK_TOKEN_URL: e.facebook.tokenURL,
    SOCIAL_FACEBOOK_PROFILE_URL: e.facebook.userProfileURL,
    SOCIAL_FACEBOOK_API_URL: e.facebook.apiURL,
    SOCIAL_GOOGLE_AUTHORIZATION_URL: e.google.authorizationURL,
    SOCIAL_GOOGLE_TOKEN_URL: e.google.tokenURL,
    SOCIAL_GOOGLE_PROFILE_URL: e.google.userProfileURL,
    SOCIAL_GOOGLE_API_URL: e.google.apiURL,
    SOCIAL_GOOGLE_REVOKE_URL: e.google.revokeURL,
    SOCIAL_GOOGLE_JWKS_URL: e.google.jwksURL,
    SOCIAL_FOURSQUARE_AUTHORIZATION_URL: e.foursquare.authorizationURL,
    SOCIAL_FOURSQUARE_TOKEN_URL: e.foursquare.tokenURL,
    SOCIAL_FOURSQUARE_PROFILE_URL: e.foursquare.userProfileURL,
    SOCIAL_FOURSQUARE_API_URL: e.foursquare.apiURL,
  };
}

const credentials = (p: string) => ({
  [`SOCIAL_${p.toUpperCase()}_KEY`]: `other-${p}-key`,
  [`SOCIAL_${p.toUpperCase()}_SECRET`]: `other-${p}-secret`,
});

describe('the SOCIAL_<P>_* variables map to the keys of the provider protocol', () => {
  const base = {
    SESSION_SECRET: 's',
    SOCIAL_TOKEN_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
  };

  it('twitter (OAuth 1.0a): AUTHORIZATION_URL and TOKEN_URL reach userAuthorizationURL and accessTokenURL', () => {
    const { providers } = socialOptions(
      loadSampleConfig({
        ...base,
        ...credentials('twitter'),
        ...endpointVariables('https://o.example', 'oauth1'),
      }),
    );
    expect(providers.twitter).toEqual({
      consumerKey: 'other-twitter-key',
      consumerSecret: 'other-twitter-secret',
      requestTokenURL: 'https://o.example/twitter/oauth/request_token',
      userAuthorizationURL: 'https://o.example/twitter/oauth/authenticate',
      accessTokenURL: 'https://o.example/twitter/oauth/access_token',
      userProfileURL: 'https://o.example/twitter/1.1/account/verify_credentials.json',
      apiURL: 'https://o.example/twitter',
    });
  });

  it('a variable the protocol has no key for is passed on, and the module refuses it at boot', async () => {
    const env = {
      ...base,
      ...credentials('google'),
      SOCIAL_GOOGLE_REQUEST_TOKEN_URL: 'https://o.example/rt',
    };
    const options = socialOptions(loadSampleConfig(env));
    expect(options.providers.google).toMatchObject({ requestTokenURL: 'https://o.example/rt' });
    @Module({ imports: hostImports(':memory:', SocialModule.forRoot(options)) })
    class SampleOptionsModule {}
    expect((await bootError(SampleOptionsModule))?.message).toMatch(
      /providers\.google\.requestTokenURL does not apply to google \(OAuth 2\) and would be ignored/,
    );
  });
});

describe.each(['oauth1', 'oauth2'] as const)(
  'the sample with every SOCIAL_<P>_* variable set, Twitter on %s: each flow reaches the server they name',
  (twitterProtocol) => {
    let other: RunningSandbox;
    let sample: RunningSampleForTest;

    beforeAll(async () => {
      other = await startSandbox({ logger: false });
      sample = await startSampleForTest({
        env: {
          ...Object.assign({}, ...FOUR.map(credentials)),
          ...endpointVariables(other.url, twitterProtocol),
        },
      });
      for (const provider of FOUR) {
        other.registerClient({
          provider,
          clientId: `other-${provider}-key`,
          clientSecret: `other-${provider}-secret`,
          redirectUris: [
            `${sample.appUrl}/login/${provider}`,
            `${sample.appUrl}/connect/${provider}`,
          ],
        });
      }
    });
    afterAll(async () => {
      await sample?.close();
      await other?.close();
    });

    it('connects, calls the API and disconnects each of the four there', async () => {
      const browser = new TestBrowser();
      await submit(browser, sample.appUrl, '/register', {
        email: 'env@example.com',
        password: 'long enough',
      });
      expect(other.url).not.toBe(sample.sandbox.url);
      for (const provider of FOUR) {
        const consent = await submit(browser, sample.appUrl, `/connect/${provider}`, {
          next: '/profile',
        });
        // The consent page is the other server's: the authorization endpoint variable took effect.
        expect(consent.url.startsWith(`${other.url}/`)).toBe(true);
        const profile = await answerConsent(browser, consent, 'allow', 'alice');
        expect(readPage(profile.text).flashes).toEqual([
          `Connection established to ${NAMES[provider]}`,
        ]);
        const calls = other.calls(provider as SandboxProviderId, 'token');
        // Facebook's connect also exchanges the short-lived token for a long-lived one there.
        expect(calls).toBe(provider === 'facebook' ? 2 : 1);
        expect(other.calls(provider, 'profile')).toBeGreaterThan(0);
        if (provider === 'twitter' && twitterProtocol === 'oauth1') {
          expect(other.calls('twitter', 'request_token')).toBe(1);
        }
      }
      // The API base of each: the status demo for three, the People API for Google.
      for (const provider of ['twitter', 'facebook', 'foursquare'] as const) {
        const posted = await submit(browser, sample.appUrl, `/status/${provider}`, {
          status: 'hello',
        });
        expect(readPage(posted.text).flashes[0]).toMatch(/^Posted to /);
        expect(other.calls(provider, 'api')).toBeGreaterThan(0);
      }
      const [{ userId }] = await sample.dataSource.query(
        'SELECT "userId" FROM social_connection WHERE "providerId" = \'google\'',
      );
      // getApi() gives google-auth-library's OAuth2Client; a relative url is called under apiURL.
      const api = await sample.app.get(SocialService).google.getApi(userId);
      const me = await api!.request<{ resourceName: string }>({
        url: 'v1/people/me?personFields=names',
      });
      expect(me.data.resourceName).toMatch(/^people\//);
      expect(other.calls('google', 'api')).toBe(1);
      // Google's ID tokens were checked against the other server's keys; its revocation is there too.
      expect(other.calls('google', 'jwks')).toBeGreaterThan(0);
      await submit(browser, sample.appUrl, '/connect/google', {
        _method: 'DELETE',
        next: '/profile',
      });
      expect(other.calls('google', 'revoke')).toBe(1);
      if (twitterProtocol === 'oauth2') {
        await submit(browser, sample.appUrl, '/connect/twitter', {
          _method: 'DELETE',
          next: '/profile',
        });
        expect(other.calls('twitter', 'revoke')).toBe(1);
      }
      // The default sandbox saw none of it.
      for (const provider of FOUR) {
        for (const endpoint of [
          'request_token',
          'token',
          'profile',
          'api',
          'jwks',
          'revoke',
        ] as const) {
          expect(sample.sandbox.calls(provider, endpoint)).toBe(0);
        }
      }
    });
  },
);
