import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SocialOptionsError } from '../social.exceptions.js';
import type { SocialProviderOptions } from './social-options.interface.js';
import { resolveSocialOptions } from './social-options.resolver.js';
import { UnusedUsers } from './testing/test-users.js';

const twitter = { consumerKey: 'k', consumerSecret: 's' };
const oauth2 = { clientId: 'id', clientSecret: 's' };
const URL_ = 'https://proxy.example.com/x';

function resolve(id: string, provider: SocialProviderOptions) {
  return resolveSocialOptions({
    appUrl: 'https://app.example.com',
    users: UnusedUsers,
    tokenEncryptionKeys: [`k1:${randomBytes(32).toString('base64')}`],
    providers: { [id]: provider },
  });
}

function problem(id: string, provider: SocialProviderOptions): string {
  try {
    resolve(id, provider);
  } catch (error) {
    expect(error).toBeInstanceOf(SocialOptionsError);
    return (error as Error).message;
  }
  throw new Error('expected a SocialOptionsError');
}

describe('a provider key that its protocol would ignore is refused at boot', () => {
  it.each([
    ['authorizationURL', 'userAuthorizationURL'],
    ['tokenURL', 'accessTokenURL'],
  ])('twitter (OAuth 1.0a): %s, naming %s and the keys that apply', (key, counterpart) => {
    const message = problem('twitter', { ...twitter, [key]: URL_ });
    expect(message).toContain(
      `providers.twitter.${key} does not apply to twitter (OAuth 1.0a) and would be ignored; use providers.twitter.${counterpart}, or protocol: 'oauth2' for X's OAuth 2.0`,
    );
    expect(message).toContain(
      'the keys that apply are consumerKey, consumerSecret, requestTokenURL, accessTokenURL, userAuthorizationURL, name, userProfileURL, apiURL, revokeURL',
    );
  });

  it.each(['scope', 'jwksURL', 'issuer', 'clientAuthentication', 'hostedDomain'] as const)(
    'twitter (OAuth 1.0a): %s',
    (key) => {
      const value =
        key === 'scope' ? ['x'] : key === 'clientAuthentication' ? 'client_secret_basic' : URL_;
      expect(problem('twitter', { ...twitter, [key]: value })).toContain(
        `providers.twitter.${key} does not apply to twitter (OAuth 1.0a)`,
      );
    },
  );

  it.each(['requestTokenURL', 'accessTokenURL', 'userAuthorizationURL'] as const)(
    'google, facebook, foursquare (OAuth 2): %s',
    (key) => {
      for (const id of ['google', 'facebook', 'foursquare']) {
        expect(problem(id, { ...oauth2, [key]: URL_ })).toContain(
          `providers.${id}.${key} does not apply to ${id} (OAuth 2) and would be ignored`,
        );
      }
    },
  );

  it('hostedDomain is Google only; profile and pkce are for type oauth2 only', () => {
    expect(problem('facebook', { ...oauth2, hostedDomain: 'example.com' })).toContain(
      'providers.facebook.hostedDomain does not apply',
    );
    expect(problem('google', { ...oauth2, pkce: false })).toContain(
      'providers.google.pkce does not apply',
    );
  });

  it("twitter with protocol 'oauth2' takes the OAuth 2 keys and refuses the OAuth 1.0a ones", () => {
    expect(problem('twitter', { protocol: 'oauth2', ...oauth2, requestTokenURL: URL_ })).toContain(
      'providers.twitter.requestTokenURL does not apply to twitter (OAuth 2)',
    );
    const resolved = resolve('twitter', { protocol: 'oauth2', ...oauth2, authorizationURL: URL_ });
    expect(resolved.providers.get('twitter')!.config.endpoints.authorizationURL).toBe(URL_);
  });

  it('accepts what applies: the OAuth 1.0a endpoints and revokeURL on twitter, an undefined key anywhere', () => {
    const resolved = resolve('twitter', {
      ...twitter,
      requestTokenURL: `${URL_}/request_token`,
      accessTokenURL: `${URL_}/access_token`,
      userAuthorizationURL: `${URL_}/authenticate`,
      userProfileURL: `${URL_}/verify_credentials.json`,
      apiURL: URL_,
      revokeURL: `${URL_}/invalidate_token`,
      // An unset environment variable: not given, so not refused.
      authorizationURL: undefined,
    });
    expect(resolved.providers.get('twitter')!.config.endpoints).toMatchObject({
      requestTokenURL: `${URL_}/request_token`,
      userAuthorizationURL: `${URL_}/authenticate`,
      revokeURL: `${URL_}/invalidate_token`,
    });
    expect(resolve('google', { ...oauth2, hostedDomain: 'example.com' })).toBeTruthy();
  });
});
