import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SocialProviderDefinition } from '../providers/provider-definition.interface.js';
import { SocialOptionsError } from '../social.exceptions.js';
import { UnusedUsers } from './testing/test-users.js';
import type { SocialModuleOptions } from './social-options.interface.js';
import { normalizePrefix, resolveSocialOptions } from './social-options.resolver.js';

const Users = UnusedUsers;

const google = { clientId: 'google-id', clientSecret: 'google-secret' };
const twitter = { consumerKey: 'twitter-key', consumerSecret: 'twitter-secret' };

const key = `k1:${randomBytes(32).toString('base64')}`;

function options(overrides: Partial<SocialModuleOptions> = {}): SocialModuleOptions {
  return {
    appUrl: 'https://app.example.com',
    users: Users,
    providers: { google },
    tokenEncryptionKeys: [key],
    ...overrides,
  };
}

/** The SocialOptionsError message a resolve throws (fails the test if it does not throw one). */
function problem(input: unknown, urlPrefix?: string): string {
  try {
    resolveSocialOptions(input as SocialModuleOptions, urlPrefix);
  } catch (error) {
    expect(error).toBeInstanceOf(SocialOptionsError);
    return (error as Error).message;
  }
  throw new Error('expected a SocialOptionsError');
}

const customProvider: SocialProviderDefinition = {
  id: 'github',
  name: 'GitHub',
  protocol: 'oauth2',
  endpoints: {
    authorizationURL: 'https://github.com/login/oauth/authorize',
    tokenURL: 'https://github.com/login/oauth/access_token',
    userProfileURL: 'https://api.github.com/user',
    apiURL: 'https://api.github.com',
  },
  scope: ['read:user'],
  strategy: () => {
    throw new Error('not built here');
  },
  createApiClient: () => {
    throw new Error('not used here');
  },
};

describe('resolveSocialOptions', () => {
  it('applies the documented defaults', () => {
    const resolved = resolveSocialOptions(options());
    expect(resolved).toMatchObject({
      appUrl: 'https://app.example.com',
      urlPrefix: '',
      connectAllowRedirect: '/',
      connectDenyRedirect: '/',
      loginRedirect: '/',
      loginPage: '/login',
      flashMessages: true,
      postOAuthConnectSessionKey: 'post_oauth_connect_url',
      postOAuthLoginSessionKey: 'post_oauth_login_url',
      providerTimeoutMs: 10_000,
      users: Users,
    });
  });

  it('keeps the token keyring, or false for plaintext storage', () => {
    expect(resolveSocialOptions(options()).tokenEncryptionKeys).toEqual([key]);
    expect(resolveSocialOptions(options({ tokenEncryptionKeys: false })).tokenEncryptionKeys).toBe(
      false,
    );
  });

  it('keeps the values given, and treats an undefined option as not given', () => {
    const resolved = resolveSocialOptions(
      options({
        loginPage: '/signin',
        connectAllowRedirect: '/settings/connections',
        flashMessages: false,
        providerTimeoutMs: 3000,
        loginRedirect: undefined,
      }),
    );
    expect(resolved.loginPage).toBe('/signin');
    expect(resolved.connectAllowRedirect).toBe('/settings/connections');
    expect(resolved.flashMessages).toBe(false);
    expect(resolved.providerTimeoutMs).toBe(3000);
    expect(resolved.loginRedirect).toBe('/');
    expect(resolved.providers.get('google')!.config.timeoutMs).toBe(3000);
  });

  it('strips trailing slashes off appUrl and normalises the URL prefix', () => {
    const resolved = resolveSocialOptions(options({ appUrl: 'https://app.example.com/' }), 'auth/');
    expect(resolved.appUrl).toBe('https://app.example.com');
    expect(resolved.urlPrefix).toBe('/auth');
  });

  it('resolves a built-in provider with its default endpoints and scopes', () => {
    const { config, definition } = resolveSocialOptions(options()).providers.get('google')!;
    expect(definition.id).toBe('google');
    expect(config).toMatchObject({
      id: 'google',
      name: 'Google',
      protocol: 'oauth2',
      key: 'google-id',
      secret: 'google-secret',
      scope: ['openid', 'profile', 'email'],
      apiURL: 'https://www.googleapis.com',
      pkce: true,
      issuer: 'https://accounts.google.com',
    });
    expect(config.endpoints.tokenURL).toBe('https://oauth2.googleapis.com/token');
  });

  it('reads consumerKey/consumerSecret for the OAuth 1.0a provider', () => {
    const { config } = resolveSocialOptions(options({ providers: { twitter } })).providers.get(
      'twitter',
    )!;
    expect(config).toMatchObject({
      protocol: 'oauth1',
      key: 'twitter-key',
      secret: 'twitter-secret',
      pkce: false,
    });
  });

  it('takes pkce from the definition, off when a definition leaves it out', () => {
    const resolved = resolveSocialOptions(
      options({
        customProviders: [customProvider, { ...customProvider, id: 'gitlab', pkce: true }],
        providers: {
          google,
          facebook: { clientId: 'f', clientSecret: 's' },
          github: { clientId: 'gh', clientSecret: 'gh-secret' },
          gitlab: { clientId: 'gl', clientSecret: 'gl-secret' },
        },
      }),
    );
    const pkce = (id: string) => resolved.providers.get(id)!.config.pkce;
    expect(pkce('google')).toBe(true);
    expect(pkce('facebook')).toBe(false);
    // Off, never undefined: the strategy checks it with === true.
    expect(pkce('github')).toBe(false);
    expect(pkce('gitlab')).toBe(true);
  });

  it('applies endpoint overrides and leaves the other endpoints at their defaults', () => {
    const resolved = resolveSocialOptions(
      options({
        providers: {
          google: {
            ...google,
            tokenURL: 'http://127.0.0.1:4000/google/token',
            apiURL: 'http://127.0.0.1:4000/google/api',
          },
          twitter: { ...twitter, requestTokenURL: 'http://127.0.0.1:4000/oauth/request_token' },
        },
      }),
    );
    const g = resolved.providers.get('google')!.config;
    expect(g.endpoints.tokenURL).toBe('http://127.0.0.1:4000/google/token');
    expect(g.endpoints.authorizationURL).toBe('https://accounts.google.com/o/oauth2/v2/auth');
    expect(g.apiURL).toBe('http://127.0.0.1:4000/google/api');
    const t = resolved.providers.get('twitter')!.config;
    expect(t.endpoints.requestTokenURL).toBe('http://127.0.0.1:4000/oauth/request_token');
    expect(t.endpoints.accessTokenURL).toBe('https://api.twitter.com/oauth/access_token');
  });

  it('does not change the built-in definition when an endpoint is overridden', () => {
    resolveSocialOptions(
      options({ providers: { google: { ...google, tokenURL: 'http://x.test/t' } } }),
    );
    const fresh = resolveSocialOptions(options()).providers.get('google')!.config;
    expect(fresh.endpoints.tokenURL).toBe('https://oauth2.googleapis.com/token');
  });

  it('replaces the default scopes and the display name when given', () => {
    const { config } = resolveSocialOptions(
      options({
        providers: { google: { ...google, scope: ['openid'], name: 'Google Workspace' } },
      }),
    ).providers.get('google')!;
    expect(config.scope).toEqual(['openid']);
    expect(config.name).toBe('Google Workspace');
  });

  it('skips a provider set to undefined (an unset environment variable)', () => {
    const resolved = resolveSocialOptions(options({ providers: { google, twitter: undefined } }));
    expect([...resolved.providers.keys()]).toEqual(['google']);
  });

  it('keeps the configuration order of the providers', () => {
    const resolved = resolveSocialOptions(
      options({ providers: { twitter, google, facebook: { clientId: 'f', clientSecret: 's' } } }),
    );
    expect([...resolved.providers.keys()]).toEqual(['twitter', 'google', 'facebook']);
  });

  it('enables a custom provider listed in customProviders', () => {
    const resolved = resolveSocialOptions(
      options({
        customProviders: [customProvider],
        providers: { github: { clientId: 'gh', clientSecret: 'gh-secret' } },
      }),
    );
    const { definition, config } = resolved.providers.get('github')!;
    expect(definition).toBe(customProvider);
    expect(config).toMatchObject({ id: 'github', name: 'GitHub', key: 'gh', scope: ['read:user'] });
  });

  describe('refuses at boot, saying what to fix', () => {
    it('a missing client secret, naming providers.google.clientSecret', () => {
      const message = problem(options({ providers: { google: { clientId: 'id' } } }));
      expect(message).toContain('providers.google.clientSecret');
    });

    it('a blank client id, naming providers.google.clientId', () => {
      const message = problem(
        options({ providers: { google: { clientId: ' ', clientSecret: 's' } } }),
      );
      expect(message).toContain('providers.google.clientId');
    });

    it('a missing consumer secret, naming providers.twitter.consumerSecret', () => {
      const message = problem(options({ providers: { twitter: { consumerKey: 'k' } } }));
      expect(message).toContain('providers.twitter.consumerSecret');
    });

    it('OAuth 2 credential names on the OAuth 1.0a provider', () => {
      const message = problem(
        options({ providers: { twitter: { clientId: 'k', clientSecret: 's' } } }),
      );
      expect(message).toContain('providers.twitter.consumerKey');
    });

    it('an unknown option key, listing the valid ones (Flask-Social issue #62)', () => {
      const message = problem({ ...options(), loginUrl: '/login' });
      expect(message).toContain('unknown option "loginUrl"');
      for (const key of [
        'appUrl',
        'connectAllowRedirect',
        'connectDenyRedirect',
        'customProviders',
        'flashMessages',
        'loginPage',
        'loginRedirect',
        'postOAuthConnectSessionKey',
        'postOAuthLoginSessionKey',
        'providerTimeoutMs',
        'providers',
        'tokenEncryptionKeys',
        'users',
      ]) {
        expect(message).toContain(key);
      }
    });

    it('an unknown provider id, naming the built-in ones', () => {
      const message = problem(
        options({ providers: { github: { clientId: 'a', clientSecret: 'b' } } }),
      );
      expect(message).toContain('unknown provider "github"');
      expect(message).toContain('twitter, facebook, google, foursquare');
      expect(message).toContain('customProviders');
    });

    it('a custom provider with an invalid id', () => {
      const message = problem(options({ customProviders: [{ ...customProvider, id: 'Git Hub' }] }));
      expect(message).toContain('customProviders');
    });

    it.each([
      ['not a URL', 'not a url'],
      ['a relative path', '/token'],
      ['a javascript: URL', 'javascript:alert(1)'],
      ['a non-string', 42],
    ])('a malformed endpoint URL (%s), naming the option', (_label, tokenURL) => {
      const message = problem(
        options({ providers: { google: { ...google, tokenURL: tokenURL as string } } }),
      );
      expect(message).toContain('providers.google.tokenURL');
    });

    it.each([
      ['missing', undefined],
      ['relative', '/app'],
      ['ftp', 'ftp://app.example.com'],
    ])('a %s appUrl', (_label, appUrl) => {
      expect(problem(options({ appUrl: appUrl as string }))).toContain('appUrl');
    });

    it('a missing users class', () => {
      expect(problem(options({ users: undefined }))).toContain('users is required');
    });

    it('missing providers', () => {
      expect(problem(options({ providers: undefined }))).toContain('providers is required');
    });

    it('missing options', () => {
      expect(problem(undefined)).toContain('options are missing');
    });

    it.each(['connectAllowRedirect', 'connectDenyRedirect', 'loginRedirect', 'loginPage'] as const)(
      'a %s that is not a path on this app',
      (key) => {
        expect(problem(options({ [key]: 'https://evil.com' }))).toContain(key);
        expect(problem(options({ [key]: '//evil.com' }))).toContain(key);
      },
    );

    it.each([0, -1, 1.5, Number.NaN])('a providerTimeoutMs of %s', (providerTimeoutMs) => {
      expect(problem(options({ providerTimeoutMs }))).toContain('providerTimeoutMs');
    });

    it('scope that is not an array of strings', () => {
      const message = problem(
        options({ providers: { google: { ...google, scope: 'email' as unknown as string[] } } }),
      );
      expect(message).toContain('providers.google.scope');
    });

    it('a urlPrefix with characters outside a path', () => {
      expect(problem(options(), 'auth?x=1')).toContain('urlPrefix');
    });

    it('no tokenEncryptionKeys: encryption at rest is required, false opts out', () => {
      const message = problem(options({ tokenEncryptionKeys: undefined }));
      expect(message).toContain('tokenEncryptionKeys is required');
      expect(message).toContain("require('crypto').randomBytes(32).toString('base64')");
      expect(message).toContain('tokenEncryptionKeys: false');
    });

    it.each([
      ['an empty list', []],
      ['true', true],
      ['a string', key],
      ['a 16-byte key', [`k1:${randomBytes(16).toString('base64')}`]],
      ['a bad key id', [`k.1:${randomBytes(32).toString('base64')}`]],
    ])('tokenEncryptionKeys as %s', (_label, tokenEncryptionKeys) => {
      expect(problem(options({ tokenEncryptionKeys: tokenEncryptionKeys as string[] }))).toContain(
        'tokenEncryptionKeys',
      );
    });
  });
});

describe('normalizePrefix', () => {
  it.each([
    ['', ''],
    ['/', ''],
    ['auth', '/auth'],
    ['/auth', '/auth'],
    ['auth/', '/auth'],
    ['//auth//', '/auth'],
    ['api/v1/social', '/api/v1/social'],
  ])('%j -> %j', (input, expected) => {
    expect(normalizePrefix(input)).toBe(expected);
  });
});
