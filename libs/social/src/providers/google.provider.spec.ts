import type { Request } from 'express';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvalidProfileError, ProfileNotAllowedError } from '../social.exceptions.js';
import { googleProvider } from './google.provider.js';
import { GoogleStrategy } from './google.strategy.js';
import { providerConfig, strategyDeps } from './testing/provider-config.js';

/** The strategy as the module builds it from the definition's defaults. */
const google = new GoogleStrategy(strategyDeps(googleProvider));
/** The strategy of an app restricted to one Google Workspace domain. */
const workspace = new GoogleStrategy(strategyDeps(googleProvider, { hostedDomain: 'example.com' }));

const PICTURE = 'https://lh3.googleusercontent.com/a/ACg8ocJ2example=s96-c';

/** OpenID Connect userinfo (https://openidconnect.googleapis.com/v1/userinfo). */
const userinfo = {
  sub: '110169484474386276334',
  name: 'Jane Doe',
  given_name: 'Jane',
  family_name: 'Doe',
  picture: PICTURE,
  email: 'jane.doe@gmail.com',
  email_verified: true,
  locale: 'en',
};

describe('GoogleStrategy.toProfileValues', () => {
  it('maps an OIDC userinfo answer', () => {
    expect(google.toProfileValues(userinfo)).toEqual({
      providerUserId: '110169484474386276334',
      displayName: 'Jane Doe',
      fullName: 'Jane Doe',
      email: 'jane.doe@gmail.com',
      emailVerified: true,
      profileUrl: null,
      imageUrl: PICTURE,
    });
  });

  it.each([
    ['the string "false"', 'false', false],
    ['the string "true"', 'true', false],
    ['false', false, false],
    ['missing', undefined, false],
    ['1', 1, false],
    ['true', true, true],
  ])('emailVerified for email_verified %s is %s', (_label, emailVerified, expected) => {
    const values = google.toProfileValues({ ...userinfo, email_verified: emailVerified });
    expect(values.emailVerified).toBe(expected);
  });

  it('falls back to the given and family names, and to the email as display name', () => {
    const { name: _n, ...rest } = userinfo;
    expect(google.toProfileValues(rest)).toMatchObject({
      displayName: 'jane.doe@gmail.com',
      fullName: 'Jane Doe',
    });
  });

  it('keeps an OIDC profile URL when one is sent', () => {
    const json = { ...userinfo, profile: 'https://example.com/jane' };
    expect(google.toProfileValues(json).profileUrl).toBe('https://example.com/jane');
  });

  it('reads the legacy v2 userinfo id when there is no sub', () => {
    const { sub: _s, ...rest } = userinfo;
    expect(google.toProfileValues({ ...rest, id: '110169484474386276334' }).providerUserId).toBe(
      '110169484474386276334',
    );
  });

  it('turns a numeric sub into a string', () => {
    expect(google.toProfileValues({ sub: 1234 }).providerUserId).toBe('1234');
  });

  it.each([
    ['{}', {}],
    ['{"id":""}', { id: '' }],
    ['{"id":null}', { id: null }],
    ['{"sub":""}', { sub: '' }],
    ['{"sub":{"$gt":""}}', { sub: { $gt: '' } }],
    ['{"sub":{"$gt":""}} with a valid id beside it', { sub: { $gt: '' }, id: '1' }],
    ['{"sub":true}', { sub: true }],
  ])('refuses a profile without a usable id: %s', (_label, json) => {
    expect(() => google.toProfileValues(json)).toThrow(InvalidProfileError);
  });
});

describe('GoogleStrategy.authenticateOptions', () => {
  it('asks for a refresh token on connect, and forces consent on reconnect', () => {
    expect(google.authenticateOptions('login')).toEqual({});
    expect(google.authenticateOptions('connect')).toEqual({ accessType: 'offline' });
    expect(google.authenticateOptions('reconnect')).toEqual({
      accessType: 'offline',
      prompt: 'consent',
    });
  });

  it('sends the hostedDomain as the `hd` hint', () => {
    expect(workspace.authenticateOptions('login')).toEqual({ hostedDomain: 'example.com' });
  });
});

describe('GoogleStrategy.verifyProfile', () => {
  it('accepts any account when no hostedDomain is set', () => {
    expect(() => google.verifyProfile({ sub: '1' })).not.toThrow();
  });

  it.each([
    ['no hd claim', { sub: '1' }],
    ['another domain', { sub: '1', hd: 'evil.com' }],
    ['a look-alike', { sub: '1', hd: 'example.com.evil.com' }],
  ])('refuses %s when hostedDomain is set (the hd param is only a hint)', (_label, json) => {
    expect(() => workspace.verifyProfile(json)).toThrow(ProfileNotAllowedError);
  });

  it('accepts the hd claim of the domain', () => {
    expect(() => workspace.verifyProfile({ sub: '1', hd: 'example.com' })).not.toThrow();
  });
});

describe('GoogleStrategy', () => {
  it('enforces the hostedDomain when it maps a profile, not only as a hint', async () => {
    const req = {} as Request;
    const profile = (hd: string) => ({ _json: { ...userinfo, hd } });
    expect(() => workspace.validate(req, 'at', 'rt', {}, profile('evil.com'))).toThrow(
      ProfileNotAllowedError,
    );
    expect(
      (await workspace.validate(req, 'at', 'rt', {}, profile('example.com'))).profile,
    ).toMatchObject({
      providerId: 'google',
      providerUserId: userinfo.sub,
      emailVerified: true,
    });
  });

  it('sends a PKCE S256 challenge and reads userinfo with the token in the Authorization header', () => {
    const internals = google as unknown as {
      _pkceMethod: string;
      _oauth2: { _useAuthorizationHeaderForGET: boolean };
    };
    expect(internals._pkceMethod).toBe('S256');
    expect(internals._oauth2._useAuthorizationHeaderForGET).toBe(true);
  });
});

describe('googleProvider.revoke', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  function revoked(refreshToken: string | null, status = 200) {
    const fetch = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(null, { status }));
    const done = googleProvider.revoke!(providerConfig(googleProvider), {
      accessToken: 'the-access-token',
      secret: null,
      refreshToken,
    });
    return { fetch, done };
  }

  it('revokes the refresh token, which ends the whole grant (RFC 7009)', async () => {
    const { fetch, done } = revoked('the-refresh-token');
    await done;
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('https://oauth2.googleapis.com/revoke');
    expect(init).toMatchObject({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    // Google takes the token alone: no client credentials.
    expect(String(init!.body)).toBe('token=the-refresh-token&token_type_hint=refresh_token');
  });

  it('revokes the access token when the connection has no refresh token', async () => {
    const { fetch, done } = revoked(null);
    await done;
    expect(String(fetch.mock.calls[0][1]!.body)).toBe(
      'token=the-access-token&token_type_hint=access_token',
    );
  });

  it('rejects when Google refuses, for the caller to log', async () => {
    await expect(revoked('the-refresh-token', 400).done).rejects.toThrow(
      'revocation answered HTTP 400',
    );
  });
});
