import type { ConnectionTokens, ResolvedProviderConfig } from '../social.types.js';
import { clientCredentials } from './client-authentication.util.js';
import { readCappedText } from './read-capped.util.js';
import { isRefusedGrant } from './refused-grant.util.js';
import { expiryFromNow } from './token-expiry.util.js';
import { parseJsonObject } from './json-object.util.js';

/** What the token endpoint said to a refresh. */
export type RefreshAnswer =
  | { kind: 'tokens'; tokens: ConnectionTokens }
  /** `invalid_grant` (or the provider's own code): the refresh token is expired, revoked or was used already. */
  | { kind: 'refused' }
  /** A passing failure (the provider is down, or answered something unusable). */
  | { kind: 'failed'; status: number };

/** The refresh-token grant (RFC 6749 §6) at the provider's token endpoint. */
export async function requestRefresh(
  config: ResolvedProviderConfig,
  refreshToken: string,
): Promise<RefreshAnswer> {
  // Basic or in the body, as the provider takes it (X, OpenID Connect servers: Basic).
  const client = clientCredentials(config);
  const response = await fetch(config.endpoints.tokenURL!, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      ...client.headers,
    },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      ...client.params,
    }),
    signal: AbortSignal.timeout(config.timeoutMs),
  });
  const body = parseJsonObject(await readCappedText(response).catch(() => ''));
  if (response.ok && typeof body.access_token === 'string' && body.access_token) {
    return {
      kind: 'tokens',
      tokens: {
        accessToken: body.access_token,
        secret: null,
        // Kept by the repository when the provider does not rotate it.
        refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : null,
        expiresAt: expiryFromNow(body.expires_in),
        scope: typeof body.scope === 'string' ? body.scope : null,
      },
    };
  }
  return isRefusedGrant(config, body.error)
    ? { kind: 'refused' }
    : { kind: 'failed', status: response.status };
}
