import type { ResolvedProviderConfig } from '../social.types.js';

/** The client and endpoint options every passport-oauth2 strategy takes. */
export function oauth2Options({ key, secret, endpoints }: ResolvedProviderConfig) {
  return {
    clientID: key,
    clientSecret: secret,
    authorizationURL: endpoints.authorizationURL,
    tokenURL: endpoints.tokenURL,
  };
}
