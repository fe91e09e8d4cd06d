import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SocialOptionsError } from '../social.exceptions.js';
import { UnusedUsers } from './testing/test-users.js';
import type { SocialModuleOptions, SocialProviderOptions } from './social-options.interface.js';
import { resolveSocialOptions } from './social-options.resolver.js';

const Users = UnusedUsers;

const credentials = { clientId: 'id', clientSecret: 'secret' };

function resolve(providers: Record<string, SocialProviderOptions>) {
  const options: SocialModuleOptions = {
    appUrl: 'https://app.example.com',
    users: Users,
    providers,
    tokenEncryptionKeys: [`k1:${randomBytes(32).toString('base64')}`],
  };
  return resolveSocialOptions(options, '', {});
}

function problem(providers: Record<string, SocialProviderOptions>): string {
  try {
    resolve(providers);
  } catch (error) {
    expect(error).toBeInstanceOf(SocialOptionsError);
    return (error as Error).message;
  }
  throw new Error('expected a SocialOptionsError');
}

describe('provider kinds in the options', () => {
  it("type 'oidc': any id, its issuer, discovery left for boot", () => {
    const { providers } = resolve({
      keycloak: { type: 'oidc', issuer: 'https://sso.example.com/realms/acme', ...credentials },
      okta: { type: 'oidc', name: 'Okta', issuer: 'https://acme.okta.com', ...credentials },
    });
    const keycloak = providers.get('keycloak')!;
    expect(keycloak.config).toMatchObject({
      id: 'keycloak',
      name: 'OpenID Connect',
      protocol: 'oauth2',
      issuer: 'https://sso.example.com/realms/acme',
      scope: ['openid', 'profile', 'email'],
      pkce: true,
      apiURL: 'https://sso.example.com/realms/acme',
    });
    expect(keycloak.definition.discover).toBeTypeOf('function');
    expect(providers.get('okta')!.config.name).toBe('Okta');
  });

  it("type 'oidc' without an issuer, or with a malformed one, names the fix", () => {
    expect(problem({ corp: { type: 'oidc', ...credentials } })).toMatch(
      /providers\.corp\.issuer is required with type 'oidc'/,
    );
    expect(problem({ corp: { type: 'oidc', issuer: 'sso.example.com', ...credentials } })).toMatch(
      /providers\.corp\.issuer must be an absolute http\(s\) URL/,
    );
    expect(problem({ corp: { type: 'oidc', issuer: 'https://sso.example.com' } })).toMatch(
      /providers\.corp\.clientId is required/,
    );
  });

  it("type 'oauth2': endpoints, scope and profile mapping; each one missing is named", () => {
    const gitea = {
      type: 'oauth2' as const,
      ...credentials,
      authorizationURL: 'https://git.example.com/login/oauth/authorize',
      tokenURL: 'https://git.example.com/login/oauth/access_token',
      userProfileURL: 'https://git.example.com/api/v1/user',
      scope: ['read:user'],
      profile: (json: { id: number }) => ({ providerUserId: json.id }),
    };
    const { config } = resolve({ gitea }).providers.get('gitea')!;
    expect(config).toMatchObject({
      name: 'gitea',
      pkce: true,
      scope: ['read:user'],
      apiURL: 'https://git.example.com',
      endpoints: { userProfileURL: 'https://git.example.com/api/v1/user' },
    });
    // Endpoints of its own: callbacks' `iss`, if any, must come from that server.
    expect(config.issuer).toBeUndefined();
    const { tokenURL: _token, ...noToken } = gitea;
    expect(problem({ gitea: noToken })).toMatch(
      /providers\.gitea\.tokenURL is required with type 'oauth2'/,
    );
    const { profile: _profile, ...noProfile } = gitea;
    expect(problem({ gitea: noProfile })).toMatch(/providers\.gitea\.profile is required/);
    expect(resolve({ gitea: { ...gitea, pkce: false } }).providers.get('gitea')!.config.pkce).toBe(
      false,
    );
  });

  it('an unknown type, or a type under an id that is not one, is refused', () => {
    expect(problem({ corp: { type: 'saml' as never, ...credentials } })).toMatch(
      /providers\.corp\.type must be 'oidc' or 'oauth2'/,
    );
    expect(
      problem({ 'Corp SSO': { type: 'oidc', issuer: 'https://sso.example.com', ...credentials } }),
    ).toMatch(/id "Corp SSO" must match/);
  });

  it("twitter with protocol 'oauth2': X's OAuth 2.0 with client credentials, Basic, PKCE, offline.access", () => {
    const { config, definition } = resolve({
      twitter: { protocol: 'oauth2', ...credentials },
    }).providers.get('twitter')!;
    expect(config).toMatchObject({
      protocol: 'oauth2',
      key: 'id',
      pkce: true,
      clientAuthentication: 'client_secret_basic',
      scope: ['tweet.read', 'users.read', 'offline.access'],
      grantRefusedErrors: ['invalid_request'],
      endpoints: {
        authorizationURL: 'https://x.com/i/oauth2/authorize',
        tokenURL: 'https://api.x.com/2/oauth2/token',
        revokeURL: 'https://api.x.com/2/oauth2/revoke',
        userProfileURL: 'https://api.x.com/2/users/me',
      },
    });
    expect(definition.revoke).toBeTypeOf('function');
    // OAuth 1.0a stays the default, with its own credentials.
    expect(
      resolve({ twitter: { consumerKey: 'k', consumerSecret: 's' } }).providers.get('twitter')!
        .config.protocol,
    ).toBe('oauth1');
    expect(
      problem({ twitter: { protocol: 'oauth2', consumerKey: 'k', consumerSecret: 's' } }),
    ).toMatch(
      /providers\.twitter\.consumerKey does not apply to twitter \(OAuth 2\) .*use providers\.twitter\.clientId/,
    );
    expect(problem({ google: { protocol: 'oauth1', ...credentials } })).toMatch(
      /providers\.google\.protocol: google speaks 'oauth2'/,
    );
  });

  it('Google is OpenID Connect: its ID tokens checked against its keys, either spelling of its issuer', () => {
    const google = resolve({ google: credentials }).providers.get('google')!.config;
    expect(google.openId).toEqual({
      jwksURL: 'https://www.googleapis.com/oauth2/v3/certs',
      algorithms: ['RS256'],
      issuers: ['https://accounts.google.com', 'accounts.google.com'],
      offlineAccess: false,
    });
    const proxied = resolve({
      google: {
        ...credentials,
        issuer: 'https://proxy.example.com',
        jwksURL: 'https://proxy.example.com/certs',
      },
    }).providers.get('google')!.config;
    expect(proxied.openId).toMatchObject({
      jwksURL: 'https://proxy.example.com/certs',
      issuers: ['https://proxy.example.com'],
    });
  });

  it('clientAuthentication is one of the two methods', () => {
    expect(
      resolve({
        google: { ...credentials, clientAuthentication: 'client_secret_basic' },
      }).providers.get('google')!.config.clientAuthentication,
    ).toBe('client_secret_basic');
    expect(
      problem({ google: { ...credentials, clientAuthentication: 'private_key_jwt' as never } }),
    ).toMatch(/clientAuthentication must be client_secret_basic or client_secret_post/);
  });
});
