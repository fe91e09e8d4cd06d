import { describe, expect, it } from 'vitest';
import { readCallbackParams } from './callback-params.util.js';

describe('readCallbackParams', () => {
  it('reads the parameters the module uses and ignores the others', () => {
    expect(
      readCallbackParams({
        code: 'abc',
        state: 'xyz',
        iss: 'https://accounts.google.com',
        scope: 'email profile',
        authuser: '0',
      }),
    ).toEqual({ code: 'abc', state: 'xyz', iss: 'https://accounts.google.com' });
  });

  it('reads the OAuth 1.0a and error parameters', () => {
    expect(readCallbackParams({ oauth_token: 't', oauth_verifier: 'v' })).toEqual({
      oauth_token: 't',
      oauth_verifier: 'v',
    });
    expect(readCallbackParams({ denied: 't' })).toEqual({ denied: 't' });
    expect(readCallbackParams({ error: 'access_denied', error_code: '200', state: 's' })).toEqual({
      error: 'access_denied',
      error_code: '200',
      state: 's',
    });
  });

  it('returns an empty object for an empty query', () => {
    expect(readCallbackParams({})).toEqual({});
  });

  it('refuses an empty value: passport tests truthiness, so `?code=` would start a new round trip', () => {
    expect(readCallbackParams({ state: '' })).toBeNull();
    expect(readCallbackParams({ code: '', state: 'x' })).toBeNull();
    expect(readCallbackParams({ oauth_token: '' })).toBeNull();
  });

  it.each([
    ['a repeated state (?state=a&state=b)', { state: ['a', 'b'] }],
    ['a repeated code', { code: ['a', 'b'], state: 's' }],
    ['a nested code (?code[a]=1)', { code: { a: '1' } }],
    ['a nested oauth_token', { oauth_token: { $ne: '' } }],
    ['a number (from a JSON body parser)', { state: 1 }],
    ['null', { error: null }],
  ])('refuses %s', (_label, query) => {
    expect(readCallbackParams(query)).toBeNull();
  });

  it.each([
    ['code', 2048],
    ['state', 128],
    ['oauth_token', 512],
    ['oauth_verifier', 512],
    ['denied', 512],
    ['error', 128],
    ['error_code', 32],
    ['iss', 512],
  ])('accepts %s up to %i characters and refuses one more', (name, max) => {
    expect(readCallbackParams({ [name]: 'a'.repeat(max) })).toEqual({ [name]: 'a'.repeat(max) });
    expect(readCallbackParams({ [name]: 'a'.repeat(max + 1) })).toBeNull();
  });

  it('does not cap parameters it does not read', () => {
    expect(readCallbackParams({ error_description: 'x'.repeat(10_000) })).toEqual({});
  });
});
