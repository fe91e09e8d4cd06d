import { describe, expect, it } from 'vitest';
import type { ResolvedProviderConfig } from '../social.types.js';
import { issuerMatches } from './issuer.util.js';

const config = (issuer: string | undefined, authorizationURL?: string) =>
  ({ issuer, endpoints: { authorizationURL } }) as unknown as ResolvedProviderConfig;

describe('issuerMatches', () => {
  it('compares with the known issuer exactly', () => {
    const google = config(
      'https://accounts.google.com',
      'https://accounts.google.com/o/oauth2/v2/auth',
    );
    expect(issuerMatches('https://accounts.google.com', google)).toBe(true);
    expect(issuerMatches('https://accounts.google.com/', google)).toBe(false);
    expect(issuerMatches('https://evil.example', google)).toBe(false);
  });

  it('without a known issuer, accepts only the authorization server’s own origin', () => {
    const proxied = config(
      undefined,
      'https://sso.example.com/realms/x/protocol/openid-connect/auth',
    );
    expect(issuerMatches('https://sso.example.com/realms/x', proxied)).toBe(true);
    expect(issuerMatches('https://evil.example/realms/x', proxied)).toBe(false);
    expect(issuerMatches('not a url', proxied)).toBe(false);
  });

  it('refuses any iss from a provider with neither an issuer nor an authorization URL', () => {
    expect(issuerMatches('https://anything.example', config(undefined))).toBe(false);
  });
});
