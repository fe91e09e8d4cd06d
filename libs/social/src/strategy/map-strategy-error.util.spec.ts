import OAuth2Strategy from 'passport-oauth2';
import { describe, expect, it } from 'vitest';
import { InvalidProfileError } from '../providers/profile-fields.util.js';
import { SocialErrorCode } from '../social.errors.js';
import { describeProviderError, mapStrategyError } from './map-strategy-error.util.js';

const { AuthorizationError, InternalOAuthError, TokenError } = OAuth2Strategy;

describe('mapStrategyError', () => {
  it('maps passport-oauth2 TokenError invalid_grant (a refused code) to 400 CodeRejected', () => {
    const error = new TokenError('Bad code', 'invalid_grant');
    expect(mapStrategyError(error)).toEqual({ status: 400, code: SocialErrorCode.CodeRejected });
  });

  it('maps an InternalOAuthError whose body says invalid_grant to 400 CodeRejected', () => {
    const error = new InternalOAuthError('Failed to obtain access token', {
      statusCode: 400,
      data: '{ "error" : "invalid_grant", "error_description": "Code was already redeemed." }',
    });
    expect(mapStrategyError(error)).toEqual({ status: 400, code: SocialErrorCode.CodeRejected });
  });

  it.each([
    ['a TokenError with another code', new TokenError('nope', 'invalid_client')],
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
    ['an AuthorizationError', new AuthorizationError('denied', 'server_error', undefined, 500)],
    ['an InvalidProfileError', new InvalidProfileError('no id')],
    ['a plain Error', new Error('socket hang up')],
    ['undefined', undefined],
    ['a string', 'weird'],
  ])('maps %s to 502 ProviderError', (_label, error) => {
    expect(mapStrategyError(error)).toEqual({ status: 502, code: SocialErrorCode.ProviderError });
  });
});

describe('describeProviderError', () => {
  it('names the kind of a run that did not error', () => {
    expect(describeProviderError({ kind: 'timeout' })).toBe('timeout');
    expect(describeProviderError({ kind: 'fail', challenge: undefined, status: 403 })).toBe('fail');
  });

  it('gives the class, the message and the provider status', () => {
    const error = new InternalOAuthError('Failed to obtain access token', {
      statusCode: 401,
      data: '{"error":"invalid_client"}',
    });
    expect(describeProviderError({ kind: 'error', error })).toBe(
      'InternalOAuthError: Failed to obtain access token (status 401)',
    );
    expect(describeProviderError({ kind: 'error', error: new Error('boom') })).toBe('Error');
  });

  it("leaves out a message that is the provider's text (passport-twitter puts a whole error body there)", () => {
    const page = new Error('<html>error for oauth_token=SECRET-TOKEN</html>');
    expect(describeProviderError({ kind: 'error', error: page })).toBe('Error');
    const tokenError = Object.assign(new Error('code SECRET-CODE was already used'), {
      name: 'TokenError',
    });
    expect(describeProviderError({ kind: 'error', error: tokenError })).toBe('TokenError');
  });

  it('never includes the provider answer, which can echo codes and tokens', () => {
    const error = new InternalOAuthError('Failed to obtain access token', {
      statusCode: 400,
      data: 'access_token=SECRET-TOKEN&code=SECRET-CODE',
    });
    const line = describeProviderError({ kind: 'error', error });
    expect(line).not.toContain('SECRET');
  });

  it('copes with errors that are not Error objects', () => {
    expect(describeProviderError({ kind: 'error', error: undefined })).toBe('Error');
    expect(describeProviderError({ kind: 'error', error: 'text' })).toBe('Error');
  });
});
