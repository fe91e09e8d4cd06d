import { describe, expect, it } from 'vitest';
import { InvalidProfileError } from '../social.exceptions.js';
import { oauth2Provider } from './oauth2.provider.js';
import { oidcProvider } from './oidc.provider.js';
import { OidcStrategy } from './oidc.strategy.js';
import { strategyDeps } from './testing/provider-config.js';
import { twitterOAuth2Provider } from './twitter-oauth2.provider.js';
import { TwitterOAuth2Strategy } from './twitter-oauth2.strategy.js';

describe('OidcStrategy', () => {
  const corp = oidcProvider({ id: 'corp', issuer: 'https://sso.example.com/realms/acme' });
  const offline = {
    jwksURL: 'https://sso.example.com/certs',
    algorithms: ['RS256'],
    issuers: [],
    offlineAccess: true,
  };
  // The endpoints as discovery would have found them.
  const endpoints = {
    authorizationURL: 'https://sso.example.com/auth',
    tokenURL: 'https://sso.example.com/token',
  };
  const strategy = new OidcStrategy(strategyDeps(corp, { endpoints, openId: offline }));

  it('maps the standard claims (OIDC Core §5.1); only a boolean true verifies the email', () => {
    expect(
      strategy.toProfileValues({
        sub: '248289761001',
        name: 'Jane Doe',
        preferred_username: 'j.doe',
        email: 'janedoe@example.com',
        email_verified: true,
        picture: 'https://example.com/janedoe/me.jpg',
        profile: 'javascript:alert(1)',
      }),
    ).toEqual({
      providerUserId: '248289761001',
      displayName: 'j.doe',
      fullName: 'Jane Doe',
      email: 'janedoe@example.com',
      emailVerified: true,
      profileUrl: null,
      imageUrl: 'https://example.com/janedoe/me.jpg',
    });
    expect(
      strategy.toProfileValues({
        sub: 'x',
        given_name: 'Jane',
        family_name: 'Doe',
        email_verified: 'true',
      }),
    ).toMatchObject({ displayName: 'Jane Doe', fullName: 'Jane Doe', emailVerified: false });
    expect(() => strategy.toProfileValues({ name: 'no sub' })).toThrow(InvalidProfileError);
  });

  it('asks a connect for offline_access when the provider advertises it; a reconnect for consent too', () => {
    expect(strategy.authenticateOptions('login')).toEqual({});
    expect(strategy.authenticateOptions('connect')).toEqual({
      scope: ['openid', 'profile', 'email', 'offline_access'],
    });
    expect(strategy.authenticateOptions('reconnect')).toMatchObject({ prompt: 'consent' });
    const online = new OidcStrategy(
      strategyDeps(corp, { endpoints, openId: { ...offline, offlineAccess: false } }),
    );
    expect(online.authenticateOptions('connect')).toEqual({});
  });
});

describe('TwitterOAuth2Strategy', () => {
  const x = new TwitterOAuth2Strategy(strategyDeps(twitterOAuth2Provider));

  it('maps the v2 users/me answer: string id, @username, x.com link, picture, no email', () => {
    expect(
      x.toProfileValues({
        data: {
          id: '2244994945',
          name: 'X Dev',
          username: 'XDevelopers',
          profile_image_url: 'https://pbs.twimg.com/profile_images/1/normal.jpg',
        },
      }),
    ).toEqual({
      providerUserId: '2244994945',
      displayName: '@XDevelopers',
      fullName: 'X Dev',
      email: null,
      profileUrl: 'https://x.com/XDevelopers',
      imageUrl: 'https://pbs.twimg.com/profile_images/1/normal.jpg',
    });
    expect(() => x.toProfileValues({ errors: [{ title: 'Unauthorized' }] })).toThrow(
      InvalidProfileError,
    );
  });
});

describe('oauth2Provider', () => {
  const definition = oauth2Provider({
    id: 'gitea',
    endpoints: {
      authorizationURL: 'https://git.example.com/login/oauth/authorize',
      tokenURL: 'https://git.example.com/login/oauth/access_token',
      userProfileURL: 'https://git.example.com/api/v1/user',
    },
    profile: (json) => ({
      providerUserId: json.id,
      displayName: json.login,
      email: json.email,
      emailVerified: json.verified,
      profileUrl: json.html_url,
    }),
  });

  it('runs the mapping, then checks its values like every provider’s', async () => {
    const Strategy = await definition.strategy();
    const strategy = new Strategy(strategyDeps(definition));
    expect(
      strategy.toProfileValues({
        id: 42,
        login: 'ada',
        email: ' ',
        verified: 'yes',
        html_url: 'ftp://x',
      }),
    ).toEqual({
      providerUserId: '42',
      displayName: 'ada',
      fullName: null,
      email: null,
      emailVerified: false,
      profileUrl: null,
      imageUrl: null,
    });
    expect(() => strategy.toProfileValues(null)).toThrow(InvalidProfileError);
    expect(() => strategy.toProfileValues({ login: 'no id' })).toThrow(InvalidProfileError);
  });

  it('defaults: its id as name, PKCE on, the API on the profile endpoint origin', () => {
    expect(definition).toMatchObject({
      name: 'gitea',
      pkce: true,
      package: 'passport-oauth2',
      endpoints: { apiURL: 'https://git.example.com' },
    });
  });
});
