/** The one OAuth client the fake provider knows, and every app under test uses. */
export const BENCH_CLIENT = { id: 'bench-client', secret: 'bench-client-secret' } as const;

/** The fake provider's endpoints under its base URL. */
export function providerEndpoints(providerUrl: string) {
  return {
    authorizationURL: `${providerUrl}/authorize`,
    tokenURL: `${providerUrl}/token`,
    userProfileURL: `${providerUrl}/userinfo`,
  };
}

/**
 * What a client verifying the fake provider's ID tokens needs (as Google's: RS256, `iss` on the
 * callback, RFC 9207). Only nestjs-social uses it: passport-google-oauth20 and the floor ignore
 * the ID token, as they do Google's.
 */
export function providerOpenId(providerUrl: string) {
  return { issuer: providerUrl, jwksURL: `${providerUrl}/certs` };
}

/** The query parameter a benchmark "browser" adds at the authorization endpoint: who it is. */
export const IDENTITY_PARAM = 'bench_sub';
