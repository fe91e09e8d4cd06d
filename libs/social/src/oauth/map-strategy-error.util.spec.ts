import OAuth2Strategy from 'passport-oauth2';
import { describe, expect, it } from 'vitest';
import {
  InvalidProfileError,
  ProfileNotAllowedError,
  ProviderTimeoutError,
} from '../social.exceptions.js';
import { describeProviderError, mapStrategyError } from './map-strategy-error.util.js';

const { AuthorizationError, InternalOAuthError, TokenError } = OAuth2Strategy;

describe('mapStrategyError', () => {
  it('maps passport-oauth2 TokenError invalid_grant (a refused code) to code_rejected', () => {
    const error = new TokenError('Bad code', 'invalid_grant');
    expect(mapStrategyError(error)).toBe('code_rejected');
  });

  it('maps an InternalOAuthError whose body says invalid_grant to code_rejected', () => {
    const error = new InternalOAuthError('Failed to obtain access token', {
      statusCode: 400,
      data: '{ "error" : "invalid_grant", "error_description": "Code was already redeemed." }',
    });
    expect(mapStrategyError(error)).toBe('code_rejected');
  });

  it('maps Facebook’s Graph error 100 on the code exchange to code_rejected', () => {
    const error = Object.assign(new Error('This authorization code has been used.'), {
      name: 'FacebookTokenError',
      code: 100,
    });
    expect(mapStrategyError(error)).toBe('code_rejected');
  });

  it('maps a passed deadline to provider_timeout', () => {
    expect(mapStrategyError(new ProviderTimeoutError('google', 8000))).toBe('provider_timeout');
  });

  it('maps a ProfileNotAllowedError (Google hostedDomain) to domain_not_allowed', () => {
    expect(mapStrategyError(new ProfileNotAllowedError('not in example.com'))).toBe(
      'domain_not_allowed',
    );
  });

  it.each([
    ['a TokenError with another code', new TokenError('nope', 'server_error')],
    [
      'an InternalOAuthError with a 500 body',
      new InternalOAuthError('Failed to fetch user profile', { statusCode: 500, data: 'oops' }),
    ],
    [
      'an InternalOAuthError whose body only mentions invalid_grant in a description',
      new InternalOAuthError('x', {
        statusCode: 400,
        data: '{"error_description":"invalid_grant"}',
      }),
    ],
    [
      'another Graph error code',
      Object.assign(new Error('x'), { name: 'FacebookTokenError', code: 190 }),
    ],
    ['an AuthorizationError', new AuthorizationError('denied', 'server_error', undefined, 500)],
    ['an InvalidProfileError', new InvalidProfileError('no id')],
    ['a plain Error', new Error('socket hang up')],
    ['undefined', undefined],
    ['a string', 'weird'],
  ])('maps %s to provider_error', (_label, error) => {
    expect(mapStrategyError(error)).toBe('provider_error');
  });
});

describe('describeProviderError', () => {
  it('gives the class, the message and the provider status', () => {
    const error = new InternalOAuthError('Failed to obtain access token', {
      statusCode: 401,
      data: '{"error":"invalid_client"}',
    });
    expect(describeProviderError(error)).toBe(
      'InternalOAuthError: Failed to obtain access token (status 401)',
    );
    expect(describeProviderError(new Error('boom'))).toBe('Error');
  });

  it("leaves out a message that is the provider's text (passport-twitter puts a whole error body there)", () => {
    const page = new Error('<html>error for oauth_token=SECRET-TOKEN</html>');
    expect(describeProviderError(page)).toBe('Error');
    const tokenError = Object.assign(new Error('code SECRET-CODE was already used'), {
      name: 'TokenError',
    });
    expect(describeProviderError(tokenError)).toBe('TokenError');
  });

  it('never includes the provider answer, which can echo codes and tokens', () => {
    const error = new InternalOAuthError('Failed to obtain access token', {
      statusCode: 400,
      data: 'access_token=SECRET-TOKEN&code=SECRET-CODE',
    });
    const line = describeProviderError(error);
    expect(line).toBe('InternalOAuthError: Failed to obtain access token (status 400)');
    expect(line).not.toContain('SECRET');
  });

  it('copes with errors that are not Error objects', () => {
    expect(describeProviderError(undefined)).toBe('Error');
    expect(describeProviderError('text')).toBe('Error');
  });
});
