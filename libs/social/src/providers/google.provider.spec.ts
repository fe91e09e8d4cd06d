import { describe, expect, it } from 'vitest';
import { googleProvider } from './google.provider.js';
import { InvalidProfileError, ProfileNotAllowedError } from './profile-fields.util.js';
import type { ResolvedProviderConfig } from './provider-definition.interface.js';

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

describe('googleProvider.toProfileValues', () => {
  it('maps an OIDC userinfo answer', () => {
    expect(googleProvider.toProfileValues(userinfo)).toEqual({
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
    const values = googleProvider.toProfileValues({ ...userinfo, email_verified: emailVerified });
    expect(values.emailVerified).toBe(expected);
  });

  it('falls back to the given and family names, and to the email as display name', () => {
    const { name: _n, ...rest } = userinfo;
    expect(googleProvider.toProfileValues(rest)).toMatchObject({
      displayName: 'jane.doe@gmail.com',
      fullName: 'Jane Doe',
    });
  });

  it('keeps an OIDC profile URL when one is sent', () => {
    const json = { ...userinfo, profile: 'https://example.com/jane' };
    expect(googleProvider.toProfileValues(json).profileUrl).toBe('https://example.com/jane');
  });

  it('reads the legacy v2 userinfo id when there is no sub', () => {
    const { sub: _s, ...rest } = userinfo;
    expect(
      googleProvider.toProfileValues({ ...rest, id: '110169484474386276334' }).providerUserId,
    ).toBe('110169484474386276334');
  });

  it('turns a numeric sub into a string', () => {
    expect(googleProvider.toProfileValues({ sub: 1234 }).providerUserId).toBe('1234');
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
    expect(() => googleProvider.toProfileValues(json)).toThrow(InvalidProfileError);
  });
});

describe('googleProvider.authenticateOptions', () => {
  const config = { hostedDomain: undefined } as unknown as ResolvedProviderConfig;
  const workspace = { hostedDomain: 'example.com' } as unknown as ResolvedProviderConfig;

  it('asks for a refresh token on connect, and forces consent on reconnect', () => {
    expect(googleProvider.authenticateOptions!('login', config)).toEqual({});
    expect(googleProvider.authenticateOptions!('connect', config)).toEqual({
      accessType: 'offline',
    });
    expect(googleProvider.authenticateOptions!('reconnect', config)).toEqual({
      accessType: 'offline',
      prompt: 'consent',
    });
  });

  it('sends the hostedDomain as the `hd` hint', () => {
    expect(googleProvider.authenticateOptions!('login', workspace)).toEqual({
      hostedDomain: 'example.com',
    });
  });
});

describe('googleProvider.verifyProfile', () => {
  const workspace = { hostedDomain: 'example.com' } as unknown as ResolvedProviderConfig;

  it('accepts any account when no hostedDomain is set', () => {
    expect(() =>
      googleProvider.verifyProfile!({ sub: '1' }, {} as ResolvedProviderConfig),
    ).not.toThrow();
  });

  it.each([
    ['no hd claim', { sub: '1' }],
    ['another domain', { sub: '1', hd: 'evil.com' }],
    ['a look-alike', { sub: '1', hd: 'example.com.evil.com' }],
  ])('refuses %s when hostedDomain is set (the hd param is only a hint)', (_label, json) => {
    expect(() => googleProvider.verifyProfile!(json, workspace)).toThrow(ProfileNotAllowedError);
  });

  it('accepts the hd claim of the domain', () => {
    expect(() =>
      googleProvider.verifyProfile!({ sub: '1', hd: 'example.com' }, workspace),
    ).not.toThrow();
  });
});
