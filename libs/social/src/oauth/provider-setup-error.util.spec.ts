import OAuth2Strategy from 'passport-oauth2';
import { describe, expect, it } from 'vitest';
import { providerSetupFailure } from './provider-setup-error.util.js';

const { InternalOAuthError, TokenError } = OAuth2Strategy;
const graphError = (code: number, message: string, subcode?: number) =>
  Object.assign(new Error(message), { name: 'FacebookTokenError', code, subcode });
const requestTokenError = (statusCode: number, data: string) =>
  new InternalOAuthError('Failed to obtain request token', { statusCode, data });

describe('providerSetupFailure', () => {
  it.each([
    ['invalid_client (RFC 6749 §5.2)', new TokenError('Unauthorized', 'invalid_client')],
    ["GitHub's incorrect_client_credentials", new TokenError('x', 'incorrect_client_credentials')],
    [
      'an InternalOAuthError whose JSON body says invalid_client',
      new InternalOAuthError('Failed to obtain access token', {
        statusCode: 401,
        data: '{"error":"invalid_client"}',
      }),
    ],
    ["Facebook's Graph error 1, client secret", graphError(1, 'Error validating client secret.')],
    [
      "Facebook's Graph error 101, unknown app id",
      graphError(101, 'Error validating application.'),
    ],
    [
      "Twitter's 401 at request_token (error 32)",
      requestTokenError(401, '{"errors":[{"code":32,"message":"Could not authenticate you."}]}'),
    ],
  ])('%s → client_rejected', (_label, error) => {
    expect(providerSetupFailure(error)).toBe('client_rejected');
  });

  it.each([
    [
      'the XML envelope',
      '<?xml version="1.0" encoding="UTF-8"?><errors><error code="415">Callback URL not approved for this client application.</error></errors>',
    ],
    [
      'the JSON envelope',
      '{"errors":[{"code":415,"message":"Callback URL not approved for this client application."}]}',
    ],
  ])("Twitter's 403 error 415 at request_token, %s → callback_not_approved", (_label, data) => {
    expect(providerSetupFailure(requestTokenError(403, data))).toBe('callback_not_approved');
  });

  it.each([
    ["Google's redirect_uri_mismatch", new TokenError('Bad Request', 'redirect_uri_mismatch')],
    [
      'invalid_grant + "Incorrect redirect_uri"',
      new TokenError('Incorrect redirect_uri', 'invalid_grant'),
    ],
    [
      "X's invalid_request about the redirect uri",
      new TokenError('Value passed for the redirect uri did not match', 'invalid_request'),
    ],
    ["Facebook's Graph error 191", graphError(191, "Can't load URL")],
    [
      "Facebook's Graph error 100/36008",
      graphError(100, 'Error validating verification code.', 36008),
    ],
  ])('%s → redirect_uri_mismatch', (_label, error) => {
    expect(providerSetupFailure(error)).toBe('redirect_uri_mismatch');
  });

  it.each([
    ['invalid_grant alone', new TokenError('Bad Request', 'invalid_grant')],
    [
      'a used Facebook code (100/36009)',
      graphError(100, 'This authorization code has been used.', 36009),
    ],
    ['Graph error 1 about something else', graphError(1, 'An unknown error occurred')],
    [
      'a 403 at request_token without error 415',
      requestTokenError(403, '{"errors":[{"code":326}]}'),
    ],
    ['a 500 at request_token', requestTokenError(500, '<html>error</html>')],
    ['a plain Error', new Error('socket hang up')],
    ['undefined', undefined],
  ])('%s → null (not a setup failure)', (_label, error) => {
    expect(providerSetupFailure(error)).toBeNull();
  });
});
