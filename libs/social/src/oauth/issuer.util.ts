import type { ResolvedProviderConfig } from '../social.types.js';

/**
 * Whether a callback's `iss` (RFC 9207) may come from this provider. Against the configured or
 * built-in issuer when there is one; when the endpoints were pointed elsewhere (a proxy, a test
 * server) without an `issuer` option, the real issuer is unknown, so the `iss` must at least be
 * on the authorization endpoint's origin: a mix-up attack needs another server.
 */
export function issuerMatches(iss: string, config: ResolvedProviderConfig): boolean {
  if (config.issuer !== undefined) return iss === config.issuer;
  const authorizationURL =
    config.endpoints.authorizationURL ?? config.endpoints.userAuthorizationURL;
  if (!authorizationURL) return false;
  try {
    return new URL(iss).origin === new URL(authorizationURL).origin;
  } catch {
    return false;
  }
}
