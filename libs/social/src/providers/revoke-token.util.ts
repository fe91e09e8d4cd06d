import { clientCredentials } from '../oauth/client-authentication.util.js';
import type { ConnectionCredentials, ResolvedProviderConfig } from '../social.types.js';
import { checkRevocationAnswer, oauthTokenInvalid } from './revocation-answer.util.js';

/**
 * Revokes a connection's grant at the provider's revocation endpoint (RFC 7009): the refresh
 * token when there is one (it ends the whole grant), else the access token. A confidential
 * client authenticates as at the token endpoint (§2.1), unless the provider takes the token
 * alone (Google). Throws `RevocationFailedError` when the provider does not confirm.
 */
export async function revokeToken(
  config: ResolvedProviderConfig,
  connection: ConnectionCredentials,
  { authenticate = true }: { authenticate?: boolean } = {},
): Promise<void> {
  const [token, hint] = connection.refreshToken
    ? [connection.refreshToken, 'refresh_token']
    : [connection.accessToken, 'access_token'];
  const client = authenticate ? clientCredentials(config) : { headers: {}, params: {} };
  const response = await fetch(config.endpoints.revokeURL!, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...client.headers },
    body: new URLSearchParams({ token, token_type_hint: hint, ...client.params }),
    signal: AbortSignal.timeout(config.timeoutMs),
  });
  await checkRevocationAnswer(response, oauthTokenInvalid);
}
