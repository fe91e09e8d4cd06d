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

/** The query parameter a benchmark "browser" adds at the authorization endpoint: who it is. */
export const IDENTITY_PARAM = 'bench_sub';
